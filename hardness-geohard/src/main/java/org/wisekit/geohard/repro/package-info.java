/**
 * The reproduction {@code hardness-geohard/class-hardness} (needs wisekit-harness, XChart and the MiniLM model;
 * not part of the library a user calls).
 */
package org.wisekit.geohard.repro;
