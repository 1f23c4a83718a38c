/**
 * Implementation details of wisekit-text (the order-preserving JSON reader of {@code tokenizer.json}, the
 * encoders' argument checks and batching order). Not API: may change in any release.
 */
package org.wisekit.text.internal;
