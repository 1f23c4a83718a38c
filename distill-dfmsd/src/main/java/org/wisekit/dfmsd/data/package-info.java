/**
 * Real-pixel detection canvases ("FashionDet", "CifarDet"): Fashion-MNIST or CIFAR-10 items rescaled and placed
 * on small canvases with tight boxes, generated from disjoint item pools per split.
 */
package org.wisekit.dfmsd.data;
