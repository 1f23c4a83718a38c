/**
 * The ONNX Runtime backend of the sentence encoders ({@link org.wisekit.text.onnx.MiniLmOnnx}). The only
 * package of wisekit-text that uses its optional dependency {@code com.microsoft.onnxruntime:onnxruntime};
 * {@link org.wisekit.text.embed.SentenceEncoders} reaches it only when that library is on the class path.
 */
package org.wisekit.text.onnx;
