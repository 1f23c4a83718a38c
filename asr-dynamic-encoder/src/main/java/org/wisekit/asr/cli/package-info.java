/**
 * The {@code wisekit asr} tool: {@code train} (a dynamic-size Conformer-CTC supernet with Simple-Top-k or
 * Iterative-Zero-Out on connected digits built from an FSDD-style folder of WAV files), {@code transcribe} (digit
 * strings of WAV files at one trained size) and {@code export} (the subnet of one size, holding only its kept
 * modules). Needs wisekit-harness, picocli, wisekit-tensor-nd4j and ND4J, optional dependencies of this artifact.
 */
package org.wisekit.asr.cli;
