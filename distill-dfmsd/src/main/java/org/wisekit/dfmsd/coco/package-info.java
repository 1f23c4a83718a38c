/** COCO JSON files: ground-truth datasets (images, annotations, categories) and detection results. */
package org.wisekit.dfmsd.coco;
