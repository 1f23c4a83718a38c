/**
 * Tokenisation from a Hugging Face {@code tokenizer.json} in plain Java ({@link org.wisekit.text.Tokenizer#read}):
 * byte-level BPE (GPT-2, Llama-3), SentencePiece-style BPE with byte fallback (Llama-2, TinyLlama) and
 * WordPiece (BERT, MiniLM), plus raw UTF-8 bytes for byte-vocabulary models. Ids are checked against those of
 * Hugging Face {@code tokenizers}.
 */
package org.wisekit.text;
