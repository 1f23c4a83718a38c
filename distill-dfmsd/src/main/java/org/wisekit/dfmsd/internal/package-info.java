/** Implementation details of the detectors and the distillation (target assignment, decoding); not API. */
package org.wisekit.dfmsd.internal;
