/**
 * The {@code wisekit geohard} tool ({@link org.wisekit.geohard.cli.GeoHardTool},
 * {@link org.wisekit.geohard.cli.GeoHardCommand}). Needs wisekit-harness, wisekit-datasets and picocli (optional
 * dependencies of this artifact); not API.
 */
package org.wisekit.geohard.cli;
