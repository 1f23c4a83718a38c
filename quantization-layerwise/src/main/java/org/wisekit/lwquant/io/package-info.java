/** The safetensors file format. */
package org.wisekit.lwquant.io;
