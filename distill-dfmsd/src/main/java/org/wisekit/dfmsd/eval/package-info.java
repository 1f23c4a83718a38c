/** COCO-style box detection evaluation (pycocotools {@code COCOeval} semantics, bbox type) and non-maximum suppression. */
package org.wisekit.dfmsd.eval;
