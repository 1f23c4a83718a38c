/**
 * Implementation details shared by the module's public packages, not API (may change in any release): the
 * serialization frame that {@link org.wisekit.fhe.bgv.BgvCodec} and {@link org.wisekit.fhe.compare.CompareCodec}
 * write ({@link org.wisekit.fhe.internal.CodecFrame}).
 */
package org.wisekit.fhe.internal;
