package org.wisekit.dfmsd.coco;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.wisekit.dfmsd.eval.Box;
import org.wisekit.dfmsd.eval.GroundTruth;

/**
 * A COCO ground-truth dataset for box detection: images, categories and annotations. Ids are unique within
 * their list, and every annotation names a listed image and category.
 *
 * @param images      the images
 * @param categories  the categories
 * @param annotations the objects
 */
public record CocoDataset(List<Image> images, List<Category> categories, List<Annotation> annotations) {

    /**
     * One image.
     *
     * @param id       {@code id}
     * @param fileName {@code file_name} (may be empty)
     * @param width    {@code width} in pixels, {@code >= 0}
     * @param height   {@code height} in pixels, {@code >= 0}
     */
    public record Image(long id, String fileName, int width, int height) {

        /** Validates; an {@link IllegalArgumentException} names the field and its value. */
        public Image {
            if (fileName == null) {
                throw new IllegalArgumentException("image " + id + ": file_name must not be null");
            }
            if (width < 0 || height < 0) {
                throw new IllegalArgumentException("image " + id + ": width and height must be >= 0, got " + width
                        + "x" + height);
            }
        }
    }

    /**
     * One category.
     *
     * @param id   {@code id}
     * @param name {@code name} (may be empty)
     */
    public record Category(int id, String name) {

        /** Validates; an {@link IllegalArgumentException} names the field and its value. */
        public Category {
            if (name == null) {
                throw new IllegalArgumentException("category " + id + ": name must not be null");
            }
        }
    }

    /**
     * One object.
     *
     * @param id         {@code id}
     * @param imageId    {@code image_id}
     * @param categoryId {@code category_id}
     * @param bbox       {@code bbox} (x, y, width, height)
     * @param area       {@code area}, finite, {@code >= 0}; decides the object's area range
     * @param crowd      {@code iscrowd}
     */
    public record Annotation(long id, long imageId, int categoryId, Box bbox, double area, boolean crowd) {

        /** Validates; an {@link IllegalArgumentException} names the field and its value. */
        public Annotation {
            if (bbox == null) {
                throw new IllegalArgumentException("annotation " + id + ": bbox must not be null");
            }
            if (!(area >= 0) || area == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("annotation " + id + ": area must be finite and >= 0, got " + area);
            }
        }

        /** A non-crowd annotation whose area is its box's area. */
        public Annotation(long id, long imageId, int categoryId, Box bbox) {
            this(id, imageId, categoryId, bbox, bbox == null ? 0 : bbox.area(), false);
        }

        /** This annotation as the evaluator's ground truth. */
        public GroundTruth toGroundTruth() {
            return new GroundTruth(imageId, categoryId, bbox, area, crowd);
        }
    }

    /** Checks unique ids and that annotations name known images and categories; copies the lists. */
    public CocoDataset {
        if (images == null || categories == null || annotations == null) {
            throw new IllegalArgumentException("images, categories and annotations must not be null");
        }
        images = List.copyOf(images);
        categories = List.copyOf(categories);
        annotations = List.copyOf(annotations);
        Set<Long> imageIds = new HashSet<>();
        for (Image im : images) {
            if (!imageIds.add(im.id())) {
                throw new IllegalArgumentException("images: duplicate id " + im.id());
            }
        }
        Set<Integer> categoryIds = new HashSet<>();
        for (Category c : categories) {
            if (!categoryIds.add(c.id())) {
                throw new IllegalArgumentException("categories: duplicate id " + c.id());
            }
        }
        Set<Long> annotationIds = new HashSet<>();
        for (Annotation a : annotations) {
            if (!annotationIds.add(a.id())) {
                throw new IllegalArgumentException("annotations: duplicate id " + a.id());
            }
            if (!imageIds.contains(a.imageId())) {
                throw new IllegalArgumentException("annotation " + a.id() + ": unknown image_id " + a.imageId());
            }
            if (!categoryIds.contains(a.categoryId())) {
                throw new IllegalArgumentException("annotation " + a.id() + ": unknown category_id " + a.categoryId());
            }
        }
    }

    /** The image ids, ascending. */
    public Set<Long> imageIds() {
        Set<Long> ids = new TreeSet<>();
        images.forEach(im -> ids.add(im.id()));
        return Collections.unmodifiableSet(ids);
    }

    /** The category ids, ascending. */
    public Set<Integer> categoryIds() {
        Set<Integer> ids = new TreeSet<>();
        categories.forEach(c -> ids.add(c.id()));
        return Collections.unmodifiableSet(ids);
    }

    /** Category names by id, in the file's order. */
    public Map<Integer, String> categoryNames() {
        Map<Integer, String> names = new LinkedHashMap<>();
        categories.forEach(c -> names.put(c.id(), c.name()));
        return Collections.unmodifiableMap(names);
    }

    /** The annotations as the evaluator's ground truths, in the file's order. */
    public List<GroundTruth> groundTruths() {
        List<GroundTruth> out = new ArrayList<>(annotations.size());
        annotations.forEach(a -> out.add(a.toGroundTruth()));
        return out;
    }
}
