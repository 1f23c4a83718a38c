/**
 * Learners that produce class-wise F1, the reference GeoHard's hardness is correlated with. Pure Java: the
 * library needs only the JDK and wisekit-tensor (its shared L-BFGS and seeded shuffles).
 *
 * <p>Features: {@link org.wisekit.geohard.learn.Vocabulary} (lower-cased word n-grams split on non-letters/digits,
 * minimum document frequency, sorted columns; raw counts) and {@link org.wisekit.geohard.learn.TfidfVectorizer}
 * (smoothed idf, optional sublinear tf, L2-normalised rows), both as
 * {@link org.wisekit.geohard.learn.SparseFeatures}. Learners: {@link org.wisekit.geohard.learn.LogisticRegression}
 * (multinomial, L2 penalty C, L-BFGS) and {@link org.wisekit.geohard.learn.NaiveBayes} (multinomial, Lidstone
 * alpha), wrapped for texts by {@link org.wisekit.geohard.learn.TextLearner}. Scoring:
 * {@link org.wisekit.geohard.learn.ClassF1} (per-class F1, NaN for a class never true and never predicted) and
 * {@link org.wisekit.geohard.learn.ClassF1Runs} (class F1 over seeded training subsamples). Everything is
 * deterministic; invalid arguments throw {@code IllegalArgumentException} naming the parameter and the value.
 */
package org.wisekit.geohard.learn;
