package org.wisekit.datasets;

import java.util.List;

/**
 * Texts with one class label each, for text classification.
 *
 * @param texts      the examples, surrounding whitespace trimmed
 * @param labels     {@code labels[i]} is the class index of {@code texts.get(i)}, in {@code [0, classNames.size())};
 *                   the array is shared, not copied
 * @param classNames the class names, in class-index order
 */
public record LabeledTexts(List<String> texts, int[] labels, List<String> classNames) {

    public LabeledTexts {
        if (texts == null || labels == null || classNames == null || classNames.isEmpty()) {
            throw new IllegalArgumentException("texts, labels and at least one class name are required");
        }
        if (texts.size() != labels.length) {
            throw new IllegalArgumentException(texts.size() + " texts but " + labels.length + " labels");
        }
        texts = List.copyOf(texts);
        classNames = List.copyOf(classNames);
        Labels.checkRange(labels, classNames.size());
    }

    /** Number of examples. */
    public int size() {
        return labels.length;
    }
}
