package org.wisekit.bench.dfmsd;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.wisekit.dfmsd.eval.Box;
import org.wisekit.dfmsd.eval.CocoEvaluator;
import org.wisekit.dfmsd.eval.CocoMetrics;
import org.wisekit.dfmsd.eval.Detection;
import org.wisekit.dfmsd.eval.EvalSettings;
import org.wisekit.dfmsd.eval.GroundTruth;
import org.wisekit.dfmsd.eval.Nms;

/**
 * The COCO evaluator on a reproduction-sized set (1000 images of 48 px, about 2.5 objects and 20 detections each,
 * 10 classes) and per-class NMS of 500 boxes; seeded synthetic boxes (jittered copies of the objects plus random
 * false positives).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EvalBenchmark {

    @Param("1")
    int threads;

    List<GroundTruth> truth;
    List<Detection> detections;
    Set<Long> images;
    Set<Integer> categories;
    CocoEvaluator evaluator;
    Box[] boxes;
    double[] scores;
    int[] classes;

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(11);
        truth = new ArrayList<>();
        detections = new ArrayList<>();
        images = new TreeSet<>();
        categories = new TreeSet<>();
        for (int c = 1; c <= 10; c++) {
            categories.add(c);
        }
        for (long img = 1; img <= 1000; img++) {
            images.add(img);
            int objects = 1 + r.nextInt(4);
            for (int o = 0; o < objects; o++) {
                Box b = new Box(r.nextDouble(30), r.nextDouble(30), 8 + r.nextDouble(18), 8 + r.nextDouble(18));
                int c = 1 + r.nextInt(10);
                truth.add(new GroundTruth(img, c, b));
                for (int j = 0; j < 4; j++) {
                    detections.add(new Detection(img, j == 0 ? c : 1 + r.nextInt(10), new Box(b.x() + r.nextDouble(-3, 3),
                            b.y() + r.nextDouble(-3, 3), b.width(), b.height()), r.nextDouble()));
                }
            }
            for (int j = 0; j < 10; j++) {
                detections.add(new Detection(img, 1 + r.nextInt(10), new Box(r.nextDouble(40), r.nextDouble(40), 8, 8),
                        r.nextDouble() * 0.5));
            }
        }
        evaluator = new CocoEvaluator(EvalSettings.scaledAreas(144, 576));
        boxes = new Box[500];
        scores = new double[500];
        classes = new int[500];
        for (int i = 0; i < 500; i++) {
            boxes[i] = new Box(r.nextDouble(40), r.nextDouble(40), 4 + r.nextDouble(20), 4 + r.nextDouble(20));
            scores[i] = r.nextDouble();
            classes[i] = r.nextInt(10);
        }
    }

    @Benchmark
    public CocoMetrics evaluate() {
        return evaluator.evaluate(truth, detections, images, categories);
    }

    @Benchmark
    public int[] nms() {
        return Nms.perClass(boxes, scores, classes, 0.6, 100);
    }
}
