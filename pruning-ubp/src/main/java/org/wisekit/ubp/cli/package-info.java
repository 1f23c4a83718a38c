/**
 * The {@code wisekit ubp} tool ({@code wisekit ubp select}). Not API; needs the harness and picocli
 * (optional dependencies of this module).
 */
package org.wisekit.ubp.cli;
