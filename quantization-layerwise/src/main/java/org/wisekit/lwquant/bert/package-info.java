/** all-MiniLM-L6-v2 in Java: ONNX weight reader, WordPiece tokenizer and the BERT forward pass. */
package org.wisekit.lwquant.bert;
