/**
 * Real data for the digit recogniser: {@link org.wisekit.asr.data.ConnectedDigits} joins same-speaker Free Spoken
 * Digit Dataset clips into seeded connected-digit utterances, with separate train and test utterances built from
 * FSDD's official clip split, computes their features, and writes utterances as WAV files.
 */
package org.wisekit.asr.data;
