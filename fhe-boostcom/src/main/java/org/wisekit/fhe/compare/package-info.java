/**
 * The Iliashenko-Zucca word comparison circuits on this module's BGV scheme, with BoostCom's CPU-portable
 * optimizations behind switches: {@link org.wisekit.fhe.compare.IzComparator} (compare, min/max, argmin, minimum,
 * sort), {@link org.wisekit.fhe.compare.BoostComOptions} (RNS- and circuit-level parallelism as a fork-join task
 * DAG, slot compaction, non-blocking futures), {@link org.wisekit.fhe.compare.WordFormat} and the client-side
 * {@link org.wisekit.fhe.compare.WordEncryptor}/{@link org.wisekit.fhe.compare.WordDecryptor},
 * {@link org.wisekit.fhe.compare.ComparisonTier} (the part-1 rings with comparison-depth chains, all below
 * 128-bit security; B2_96 at 96 bits or more with small primes). The reproduction {@code fhe-boostcom/compare} is in {@code org.wisekit.fhe.repro}.
 */
package org.wisekit.fhe.compare;
