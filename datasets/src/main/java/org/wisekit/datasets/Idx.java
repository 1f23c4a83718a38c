package org.wisekit.datasets;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reader for IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed.
 *
 * <p>Layout (big-endian): two zero bytes, the element type, the rank {@code r}; then {@code r} 32-bit
 * dimensions; then the elements, row-major. Only element type {@code 0x08} (unsigned byte) is supported,
 * which is what image and label files use. The file must hold exactly the elements its header announces.
 */
public final class Idx {

    static final int UNSIGNED_BYTE = 0x08;
    private static final int MAGIC_BYTES = 4;

    private Idx() {
    }

    /** Reads an unsigned-byte IDX file; throws {@link MalformedDataException} naming the file and the problem. */
    public static IdxArray read(Path file) {
        byte[] bytes = FileBytes.readMaybeGzipped(file);
        if (bytes.length < MAGIC_BYTES) {
            throw new MalformedDataException(file, "has " + bytes.length + " bytes, too short for an IDX header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (bytes[0] != 0 || bytes[1] != 0) {
            throw new MalformedDataException(file, String.format("wrong magic number 0x%08x: an IDX file starts with"
                    + " two zero bytes, the element type and the rank", buffer.getInt(0)));
        }
        int type = bytes[2] & 0xff;
        if (type != UNSIGNED_BYTE) {
            throw new MalformedDataException(file, String.format("element type 0x%02x is not supported, only 0x%02x"
                    + " (unsigned byte)", type, UNSIGNED_BYTE));
        }
        int rank = bytes[3] & 0xff;
        int headerBytes = MAGIC_BYTES + 4 * rank;
        if (rank == 0 || bytes.length < headerBytes) {
            throw new MalformedDataException(file, "truncated header: rank " + rank + " needs " + headerBytes
                    + " header bytes, the file has " + bytes.length);
        }
        int[] shape = new int[rank];
        long elements = 1;
        for (int axis = 0; axis < rank; axis++) {
            shape[axis] = buffer.getInt(MAGIC_BYTES + 4 * axis);
            if (shape[axis] < 0) {
                throw new MalformedDataException(file, "negative dimension " + shape[axis] + " on axis " + axis);
            }
            elements *= shape[axis];
        }
        long present = bytes.length - (long) headerBytes;
        if (present < elements) {
            throw new MalformedDataException(file, "truncated: shape " + Arrays.toString(shape) + " needs "
                    + elements + " data bytes, the file has " + present);
        }
        if (present > elements) {
            throw new MalformedDataException(file, (present - elements) + " bytes follow the " + elements
                    + " data bytes of shape " + Arrays.toString(shape));
        }
        return new IdxArray(shape, Arrays.copyOfRange(bytes, headerBytes, bytes.length));
    }

    /**
     * An MNIST-style pair of IDX files: images {@code [n, height, width]} and labels {@code [n]}.
     * Pixels are scaled to [0, 1]; each label must index {@code classNames}.
     */
    public static LabeledImages labeledImages(Path imagesFile, Path labelsFile, List<String> classNames) {
        IdxArray images = read(imagesFile);
        IdxArray labels = read(labelsFile);
        if (images.shape().length != 3) {
            throw new MalformedDataException(imagesFile, "images must have rank 3 [n, height, width], the shape is "
                    + Arrays.toString(images.shape()));
        }
        if (labels.shape().length != 1 || labels.shape()[0] != images.shape()[0]) {
            throw new MalformedDataException(labelsFile, "labels of shape " + Arrays.toString(labels.shape())
                    + " do not match " + images.shape()[0] + " images in " + imagesFile);
        }
        int[] labelValues = labels.toIntArray();
        for (int i = 0; i < labelValues.length; i++) {
            if (labelValues[i] >= classNames.size()) {
                throw new MalformedDataException(labelsFile, "label " + labelValues[i] + " at index " + i
                        + " is not a class index 0.." + (classNames.size() - 1));
            }
        }
        return new LabeledImages(images.toUnitTensor(), labelValues, classNames);
    }
}
