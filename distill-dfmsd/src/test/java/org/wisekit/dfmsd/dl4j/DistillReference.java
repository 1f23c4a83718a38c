package org.wisekit.dfmsd.dl4j;

import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Slow, obvious plain-Java (double) versions of the distillation losses, written from the formulas in loops over
 * NCHW arrays, for the graph tests. Parameters are given by local name (the builder's names without the prefix).
 */
final class DistillReference {

    private DistillReference() {
    }

    static double[] flat(INDArray a) {
        return Nd4j.toFlattened('c', a.castTo(DataType.DOUBLE)).toDoubleVector();
    }

    /** Stride-1, zero-padding k/2 convolution; weights [k, k, cin, cout] ('c' order), bias [cout]. */
    static double[] conv(double[] x, int n, int cin, int h, int w, double[] wt, double[] b, int cout, int k) {
        int pad = k / 2;
        double[] out = new double[n * cout * h * w];
        for (int s = 0; s < n; s++) {
            for (int co = 0; co < cout; co++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double acc = b == null ? 0 : b[co];
                        for (int ci = 0; ci < cin; ci++) {
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    int y = i + ky - pad;
                                    int xx = j + kx - pad;
                                    if (y < 0 || y >= h || xx < 0 || xx >= w) {
                                        continue;
                                    }
                                    acc += wt[((ky * k + kx) * cin + ci) * cout + co]
                                            * x[((s * cin + ci) * h + y) * w + xx];
                                }
                            }
                        }
                        out[((s * cout + co) * h + i) * w + j] = acc;
                    }
                }
            }
        }
        return out;
    }

    static double[] relu(double[] x) {
        double[] o = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            o[i] = Math.max(0, x[i]);
        }
        return o;
    }

    /** FGD spatial attention per sample: [n][h*w]. */
    static double[][] spatialAttention(double[] x, int n, int c, int hw, double tau) {
        double[][] a = new double[n][hw];
        for (int s = 0; s < n; s++) {
            double z = 0;
            for (int p = 0; p < hw; p++) {
                double m = 0;
                for (int k = 0; k < c; k++) {
                    m += Math.abs(x[(s * c + k) * hw + p]);
                }
                a[s][p] = Math.exp(m / c / tau);
                z += a[s][p];
            }
            for (int p = 0; p < hw; p++) {
                a[s][p] = hw * a[s][p] / z;
            }
        }
        return a;
    }

    /** FGD channel attention per sample: [n][c]. */
    static double[][] channelAttention(double[] x, int n, int c, int hw, double tau) {
        double[][] a = new double[n][c];
        for (int s = 0; s < n; s++) {
            double z = 0;
            for (int k = 0; k < c; k++) {
                double m = 0;
                for (int p = 0; p < hw; p++) {
                    m += Math.abs(x[(s * c + k) * hw + p]);
                }
                a[s][k] = Math.exp(m / hw / tau);
                z += a[s][k];
            }
            for (int k = 0; k < c; k++) {
                a[s][k] = c * a[s][k] / z;
            }
        }
        return a;
    }

    static double[] align(double[] student, int n, int cs, int c, int h, int w, Map<String, double[]> p) {
        return cs == c ? student : conv(student, n, cs, h, w, p.get("align.w"), p.get("align.b"), c, 1);
    }

    /** FGD's loss terms {fg, bg, mask, global, total}. */
    static double[] fgd(double[] student, double[] teacher, double[] fg, double[] bg, int n, int cs, int c, int h,
                        int w, Map<String, double[]> p, FgdSettings s) {
        int hw = h * w;
        double[] x = align(student, n, cs, c, h, w, p);
        double[][] spT = spatialAttention(teacher, n, c, hw, s.temperature());
        double[][] chT = channelAttention(teacher, n, c, hw, s.temperature());
        double[][] spS = spatialAttention(x, n, c, hw, s.temperature());
        double[][] chS = channelAttention(x, n, c, hw, s.temperature());
        double lf = 0;
        double lb = 0;
        for (int q = 0; q < n; q++) {
            for (int k = 0; k < c; k++) {
                for (int pos = 0; pos < hw; pos++) {
                    int idx = (q * c + k) * hw + pos;
                    // FGD: (S sqrt(A_sp) sqrt(A_ch) sqrt(M) - T sqrt(A_sp) sqrt(A_ch) sqrt(M))^2
                    double f = Math.sqrt(spT[q][pos]) * Math.sqrt(chT[q][k]);
                    double dfg = (x[idx] - teacher[idx]) * f * Math.sqrt(fg[q * hw + pos]);
                    double dbg = (x[idx] - teacher[idx]) * f * Math.sqrt(bg[q * hw + pos]);
                    lf += dfg * dfg;
                    lb += dbg * dbg;
                }
            }
        }
        lf /= n;
        lb /= n;
        double lm = 0;
        for (int q = 0; q < n; q++) {
            for (int k = 0; k < c; k++) {
                lm += Math.abs(chS[q][k] - chT[q][k]);
            }
            for (int pos = 0; pos < hw; pos++) {
                lm += Math.abs(spS[q][pos] - spT[q][pos]);
            }
        }
        lm /= n;
        double[] gs = gcBlock(x, n, c, hw, p, "gc.s.");
        double[] gt = gcBlock(teacher, n, c, hw, p, "gc.t.");
        double lg = 0;
        for (int i = 0; i < gs.length; i++) {
            lg += (gs[i] - gt[i]) * (gs[i] - gt[i]);
        }
        lg /= n;
        double total = s.alpha() * lf + s.beta() * lb + s.gamma() * lm + s.lambda() * lg;
        return new double[] {lf, lb, lm, lg, total};
    }

    /** FGD's GcBlock branch x + channel_add(context(x)). */
    static double[] gcBlock(double[] x, int n, int c, int hw, Map<String, double[]> p, String b) {
        int half = c / 2;
        double[] mw = p.get(b + "mask.w");
        double mb = p.get(b + "mask.b")[0];
        double[] w1 = p.get(b + "add1.w");
        double[] b1 = p.get(b + "add1.b");
        double[] g = p.get(b + "ln.g");
        double[] beta = p.get(b + "ln.b");
        double[] w2 = p.get(b + "add2.w");
        double[] b2 = p.get(b + "add2.b");
        double[] out = x.clone();
        for (int q = 0; q < n; q++) {
            double[] logit = new double[hw];
            double max = Double.NEGATIVE_INFINITY;
            for (int pos = 0; pos < hw; pos++) {
                double v = mb;
                for (int k = 0; k < c; k++) {
                    v += mw[k] * x[(q * c + k) * hw + pos];
                }
                logit[pos] = v;
                max = Math.max(max, v);
            }
            double z = 0;
            for (int pos = 0; pos < hw; pos++) {
                logit[pos] = Math.exp(logit[pos] - max);
                z += logit[pos];
            }
            double[] ctx = new double[c];
            for (int k = 0; k < c; k++) {
                for (int pos = 0; pos < hw; pos++) {
                    ctx[k] += x[(q * c + k) * hw + pos] * logit[pos] / z;
                }
            }
            double[] a1 = new double[half];
            for (int j = 0; j < half; j++) {
                a1[j] = b1[j];
                for (int k = 0; k < c; k++) {
                    a1[j] += ctx[k] * w1[k * half + j];
                }
            }
            double mu = 0;
            for (double v : a1) {
                mu += v / half;
            }
            double var = 0;
            for (double v : a1) {
                var += (v - mu) * (v - mu) / half;
            }
            double[] r = new double[half];
            for (int j = 0; j < half; j++) {
                r[j] = Math.max(0, (a1[j] - mu) / Math.sqrt(var + 1e-5) * g[j] + beta[j]);
            }
            for (int k = 0; k < c; k++) {
                double add = b2[k];
                for (int j = 0; j < half; j++) {
                    add += r[j] * w2[j * c + k];
                }
                for (int pos = 0; pos < hw; pos++) {
                    out[(q * c + k) * hw + pos] += add;
                }
            }
        }
        return out;
    }

    static double[] generator(double[] x, int n, int c, int h, int w, Map<String, double[]> p, String g) {
        double[] hidden = relu(conv(x, n, c, h, w, p.get(g + ".conv1.w"), p.get(g + ".conv1.b"), c, 3));
        return conv(hidden, n, c, h, w, p.get(g + ".conv2.w"), p.get(g + ".conv2.b"), c, 3);
    }

    /** MGD's loss; mask [n][h*w]. */
    static double mgd(double[] student, double[] teacher, double[] mask, int n, int cs, int c, int h, int w,
                      Map<String, double[]> p, double alpha) {
        int hw = h * w;
        double[] x = align(student, n, cs, c, h, w, p);
        for (int q = 0; q < n; q++) {
            for (int k = 0; k < c; k++) {
                for (int pos = 0; pos < hw; pos++) {
                    x[(q * c + k) * hw + pos] *= mask[q * hw + pos];
                }
            }
        }
        double[] g = generator(x, n, c, h, w, p, "gen");
        double l = 0;
        for (int i = 0; i < g.length; i++) {
            l += (g[i] - teacher[i]) * (g[i] - teacher[i]);
        }
        return alpha * l / n;
    }

    /** PKD: per-channel normalisation over (N, H, W) with the unbiased std + 1e-6, then weight * MSE / 2. */
    static double pkd(double[] s, double[] t, int n, int c, int hw, double weight) {
        double[] a = pkdNorm(s, n, c, hw);
        double[] b = pkdNorm(t, n, c, hw);
        double l = 0;
        for (int i = 0; i < a.length; i++) {
            l += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return weight * l / a.length / 2;
    }

    static double[] pkdNorm(double[] x, int n, int c, int hw) {
        double[] o = new double[x.length];
        int m = n * hw;
        for (int k = 0; k < c; k++) {
            double mean = 0;
            for (int q = 0; q < n; q++) {
                for (int pos = 0; pos < hw; pos++) {
                    mean += x[(q * c + k) * hw + pos] / m;
                }
            }
            double ss = 0;
            for (int q = 0; q < n; q++) {
                for (int pos = 0; pos < hw; pos++) {
                    double d = x[(q * c + k) * hw + pos] - mean;
                    ss += d * d;
                }
            }
            double std = Math.sqrt(ss / (m - 1));
            for (int q = 0; q < n; q++) {
                for (int pos = 0; pos < hw; pos++) {
                    int i = (q * c + k) * hw + pos;
                    o[i] = (x[i] - mean) / (std + 1e-6);
                }
            }
        }
        return o;
    }

    /** Per-(n, c) standardisation over the positions, population variance, eps inside the square root. */
    static double[] norm(double[] x, int n, int c, int hw, double eps) {
        double[] o = new double[x.length];
        for (int q = 0; q < n * c; q++) {
            double mean = 0;
            for (int pos = 0; pos < hw; pos++) {
                mean += x[q * hw + pos] / hw;
            }
            double var = 0;
            for (int pos = 0; pos < hw; pos++) {
                var += (x[q * hw + pos] - mean) * (x[q * hw + pos] - mean) / hw;
            }
            for (int pos = 0; pos < hw; pos++) {
                o[q * hw + pos] = (x[q * hw + pos] - mean) / Math.sqrt(var + eps);
            }
        }
        return o;
    }

    static double[] eca(double[] x, int n, int c, int hw, double[] wt) {
        int k = wt.length;
        int pad = (k - 1) / 2;
        double[] o = x.clone();
        for (int q = 0; q < n; q++) {
            double[] gap = new double[c];
            for (int ch = 0; ch < c; ch++) {
                for (int pos = 0; pos < hw; pos++) {
                    gap[ch] += x[(q * c + ch) * hw + pos] / hw;
                }
            }
            for (int ch = 0; ch < c; ch++) {
                double z = 0;
                for (int t = 0; t < k; t++) {
                    int src = ch + t - pad;
                    if (src >= 0 && src < c) {
                        z += wt[t] * gap[src];
                    }
                }
                double gate = 1 / (1 + Math.exp(-z));
                for (int pos = 0; pos < hw; pos++) {
                    o[(q * c + ch) * hw + pos] *= gate;
                }
            }
        }
        return o;
    }

    /** DFMSD's {L_sp, L_ch, total}; spatial mask [n][h*w], channel mask [n][c]. */
    static double[] dfmsd(double[] student, double[] teacher, double[] msp, double[] mch, int n, int cs, int c, int h,
                          int w, Map<String, double[]> p, DfmsdSettings s) {
        int hw = h * w;
        double[] x = align(student, n, cs, c, h, w, p);
        double[] sHat = s.align() ? norm(x, n, c, hw, 1e-6) : x;
        double[] tHat = s.align() ? norm(teacher, n, c, hw, 1e-6) : teacher;
        double[] xs = sHat.clone();
        double[] xc = sHat.clone();
        for (int q = 0; q < n; q++) {
            for (int k = 0; k < c; k++) {
                for (int pos = 0; pos < hw; pos++) {
                    int i = (q * c + k) * hw + pos;
                    xs[i] *= msp[q * hw + pos];
                    xc[i] *= mch[q * c + k];
                }
            }
        }
        double[] rs = generator(xs, n, c, h, w, p, "gsp");
        double[] rc = generator(xc, n, c, h, w, p, "gch");
        if (s.eca()) {
            rs = eca(rs, n, c, hw, p.get("eca.sp.w"));
            rc = eca(rc, n, c, hw, p.get("eca.ch.w"));
        }
        double ls = 0;
        double lc = 0;
        for (int i = 0; i < rs.length; i++) {
            ls += (rs[i] - tHat[i]) * (rs[i] - tHat[i]);
            lc += (rc[i] - tHat[i]) * (rc[i] - tHat[i]);
        }
        ls /= n;
        lc /= n;
        double dual;
        if (s.learnableSigma()) {
            double sigSp = Math.exp(p.get("logSigmaSp")[0]);
            double sigCh = Math.exp(p.get("logSigmaCh")[0]);
            dual = ls / (2 * sigSp * sigSp) + lc / (2 * sigCh * sigCh) + Math.log(sigSp) + Math.log(sigCh);
        } else {
            dual = 0.5 * ls + 0.5 * lc;
        }
        return new double[] {ls, lc, s.alpha() * dual};
    }
}
