package org.wisekit.eeg.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Turns a list of {@link LayerSpec}s into a DL4J configuration and into {@link ModelStats}. */
final class Plans {

    /**
     * A network plan.
     *
     * @param input  {@code [channels, height, width]} of one input
     * @param layers the layers in order
     * @param hidden weight initialisation of every layer but the output
     * @param output weight initialisation of the output layer
     */
    record Plan(int[] input, List<LayerSpec> layers, WeightInit hidden, WeightInit output) {
    }

    /**
     * How to build: {@code dropout = false} leaves the dropout layers out (gradient checks).
     *
     * @param updater the optimizer of every layer
     * @param type    the parameters' data type
     * @param dropout whether dropout layers are built
     */
    record Build(IUpdater updater, DataType type, boolean dropout) {
    }

    private Plans() {
    }

    /** The plan of {@code architecture}. */
    static Plan of(Architecture architecture) {
        if (architecture instanceof LightCnn l) {
            return l.plan();
        }
        return ((EegNetLike) architecture).plan();
    }

    /** The DL4J configuration of {@code plan}, initialised from {@code seed} (DL4J's own seeded initialisation). */
    static MultiLayerConfiguration configuration(Plan plan, long seed, Build build) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(build.type()).updater(build.updater()).weightInit(plan.hidden())
                .activation(Activation.IDENTITY).list();
        for (LayerSpec spec : plan.layers()) {
            Layer layer = layer(spec, plan, build);
            if (layer != null) {
                b.layer(layer);
            }
        }
        int[] in = plan.input();
        return b.setInputType(InputType.convolutional(in[1], in[2], in[0])).build();
    }

    private static Layer layer(LayerSpec spec, Plan plan, Build build) {
        if (spec instanceof LayerSpec.Conv c) {
            return new ConvolutionLayer.Builder(c.kh(), c.kw()).nOut(c.out()).stride(1, 1).convolutionMode(mode(c.same()))
                    .hasBias(c.bias()).activation(Activation.IDENTITY).name(c.name()).build();
        } else if (spec instanceof LayerSpec.Depthwise d) {
            DepthwiseConvolution2D.Builder b = new DepthwiseConvolution2D.Builder(d.kh(), d.kw())
                    .depthMultiplier(d.multiplier()).stride(1, 1).convolutionMode(mode(d.same())).hasBias(d.bias());
            if (d.maxNorm() > 0) {
                b.constrainWeights(new MaxNormConstraint(d.maxNorm(), 0, 1));   // W is [kh, kw, nIn, D]: one norm per filter
            }
            return b.activation(Activation.IDENTITY).name(d.name()).build();
        } else if (spec instanceof LayerSpec.Separable s) {
            return new SeparableConvolution2D.Builder(s.kh(), s.kw()).nOut(s.out()).depthMultiplier(s.multiplier())
                    .stride(1, 1).convolutionMode(mode(s.same())).hasBias(s.bias()).activation(Activation.IDENTITY)
                    .name(s.name()).build();
        } else if (spec instanceof LayerSpec.BatchNorm n) {
            return new BatchNormalization.Builder().decay(n.decay()).eps(n.eps()).name(n.name()).build();
        } else if (spec instanceof LayerSpec.Act a) {
            return new ActivationLayer.Builder().activation(a.activation()).name(a.name()).build();
        } else if (spec instanceof LayerSpec.Pool p) {
            SubsamplingLayer.PoolingType type = p.max() ? SubsamplingLayer.PoolingType.MAX : SubsamplingLayer.PoolingType.AVG;
            return new SubsamplingLayer.Builder(type, new int[] {p.kh(), p.kw()}, new int[] {p.kh(), p.kw()})
                    .convolutionMode(ConvolutionMode.Truncate).name(p.name()).build();
        } else if (spec instanceof LayerSpec.GlobalAvgPool g) {
            return new GlobalPoolingLayer.Builder(PoolingType.AVG).name(g.name()).build();
        } else if (spec instanceof LayerSpec.Dropout d) {
            // DL4J's argument is the probability of keeping an activation
            return build.dropout() ? new DropoutLayer.Builder(1 - d.rate()).name(d.name()).build() : null;
        }
        LayerSpec.Output o = (LayerSpec.Output) spec;
        OutputLayer.Builder b = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(o.classes())
                .activation(Activation.SOFTMAX).weightInit(plan.output()).name(o.name());
        if (o.maxNorm() > 0) {
            b.constrainWeights(new MaxNormConstraint(o.maxNorm(), 0));   // W is [nIn, nOut]: one norm per output unit
        }
        return b.build();
    }

    private static ConvolutionMode mode(boolean same) {
        return same ? ConvolutionMode.Same : ConvolutionMode.Truncate;
    }

    /** Parameters and operations of {@code plan}, layer by layer (dropout layers included). */
    static ModelStats stats(Plan plan) {
        List<ModelStats.Layer> out = new ArrayList<>();
        long c = plan.input()[0];
        long h = plan.input()[1];
        long w = plan.input()[2];
        long features = -1;   // >= 0 once the shape is flat
        for (LayerSpec spec : plan.layers()) {
            if (spec instanceof LayerSpec.Conv k) {
                long ho = k.same() ? h : h - k.kh() + 1;
                long wo = k.same() ? w : w - k.kw() + 1;
                long params = (long) k.out() * c * k.kh() * k.kw() + (k.bias() ? k.out() : 0);
                out.add(layer(k.name(), ModelStats.Kind.CONVOLUTION, k.out(), ho, wo, params, params,
                        ho * wo * k.out() * c * k.kh() * k.kw(), k.bias() ? ho * wo * k.out() : 0));
                c = k.out();
                h = ho;
                w = wo;
            } else if (spec instanceof LayerSpec.Depthwise k) {
                long ho = k.same() ? h : h - k.kh() + 1;
                long wo = k.same() ? w : w - k.kw() + 1;
                long co = c * k.multiplier();
                long params = co * k.kh() * k.kw() + (k.bias() ? co : 0);
                out.add(layer(k.name(), ModelStats.Kind.DEPTHWISE, co, ho, wo, params, params,
                        ho * wo * co * k.kh() * k.kw(), k.bias() ? ho * wo * co : 0));
                c = co;
                h = ho;
                w = wo;
            } else if (spec instanceof LayerSpec.Separable k) {
                long ho = k.same() ? h : h - k.kh() + 1;
                long wo = k.same() ? w : w - k.kw() + 1;
                long mid = c * k.multiplier();
                long params = mid * k.kh() * k.kw() + (long) k.out() * mid + (k.bias() ? k.out() : 0);
                out.add(layer(k.name(), ModelStats.Kind.SEPARABLE, k.out(), ho, wo, params, params,
                        ho * wo * mid * k.kh() * k.kw() + ho * wo * mid * k.out(), k.bias() ? ho * wo * k.out() : 0));
                c = k.out();
                h = ho;
                w = wo;
            } else if (spec instanceof LayerSpec.BatchNorm k) {
                out.add(layer(k.name(), ModelStats.Kind.BATCH_NORM, c, h, w, 4 * c, 2 * c, 0, 2 * c * h * w));
            } else if (spec instanceof LayerSpec.Act k) {
                out.add(layer(k.name(), ModelStats.Kind.ACTIVATION, c, h, w, 0, 0, 0, c * h * w));
            } else if (spec instanceof LayerSpec.Pool k) {
                long ho = h / k.kh();
                long wo = w / k.kw();
                out.add(layer(k.name(), k.max() ? ModelStats.Kind.MAX_POOL : ModelStats.Kind.AVG_POOL, c, ho, wo, 0, 0, 0,
                        c * ho * wo * k.kh() * k.kw()));
                h = ho;
                w = wo;
            } else if (spec instanceof LayerSpec.GlobalAvgPool k) {
                out.add(new ModelStats.Layer(k.name(), ModelStats.Kind.GLOBAL_AVG_POOL, List.of((int) c), 0, 0, 0, c * h * w));
                features = c;
            } else if (spec instanceof LayerSpec.Dropout k) {
                out.add(features >= 0
                        ? new ModelStats.Layer(k.name(), ModelStats.Kind.DROPOUT, List.of((int) features), 0, 0, 0, 0)
                        : layer(k.name(), ModelStats.Kind.DROPOUT, c, h, w, 0, 0, 0, 0));
            } else {
                LayerSpec.Output k = (LayerSpec.Output) spec;
                long in = features >= 0 ? features : c * h * w;
                long classes = k.classes();
                out.add(new ModelStats.Layer(k.name(), ModelStats.Kind.DENSE, List.of(k.classes()), in * classes + classes,
                        in * classes + classes, in * classes, 4 * classes));
                features = classes;
            }
        }
        return new ModelStats(out);
    }

    private static ModelStats.Layer layer(String name, ModelStats.Kind kind, long c, long h, long w, long params,
                                          long trainable, long macs, long ops) {
        return new ModelStats.Layer(name, kind, List.of((int) c, (int) h, (int) w), params, trainable, macs, ops);
    }
}
