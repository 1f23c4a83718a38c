/** The reproduction {@code asr-dynamic-encoder/subnets} (harness, optional dependencies). */
package org.wisekit.asr.repro;
