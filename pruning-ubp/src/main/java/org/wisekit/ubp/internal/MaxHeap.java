package org.wisekit.ubp.internal;

import java.util.Arrays;

/**
 * A binary max-heap of (key, id, stamp) triples on primitive arrays, for the selectors' lazy priority
 * queues. Order: larger key first, then smaller id, so that ties break the same way in every selector.
 * The stamp is carried along unchanged; callers use it to recognise entries that went stale after they
 * were pushed (lazy deletion). Grows by doubling; not thread-safe.
 */
public final class MaxHeap {

    private double[] keys;
    private int[] ids;
    private int[] stamps;
    private int size;

    public MaxHeap(int initialCapacity) {
        int capacity = Math.max(1, initialCapacity);
        keys = new double[capacity];
        ids = new int[capacity];
        stamps = new int[capacity];
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * Adds an entry without restoring the heap order, for bulk loading: call {@link #heapify()}, which
     * orders the whole heap in O(n), before the next push, pop or look at the top.
     */
    public void addUnordered(double key, int id, int stamp) {
        ensureCapacity();
        keys[size] = key;
        ids[size] = id;
        stamps[size] = stamp;
        size++;
    }

    /** Restores the heap order after {@link #addUnordered} calls. */
    public void heapify() {
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(i, keys[i], ids[i], stamps[i]);
        }
    }

    public void push(double key, int id, int stamp) {
        ensureCapacity();
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(key, id, keys[parent], ids[parent])) {
                break;
            }
            keys[i] = keys[parent];
            ids[i] = ids[parent];
            stamps[i] = stamps[parent];
            i = parent;
        }
        keys[i] = key;
        ids[i] = id;
        stamps[i] = stamp;
    }

    public double topKey() {
        return keys[0];
    }

    public int topId() {
        return ids[0];
    }

    public int topStamp() {
        return stamps[0];
    }

    /** Removes the top entry. */
    public void pop() {
        size--;
        if (size == 0) {
            return;
        }
        siftDown(0, keys[size], ids[size], stamps[size]);
    }

    /** Places (key, id, stamp) at or below slot i, moving the larger children up. */
    private void siftDown(int i, double key, int id, int stamp) {
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(keys[child + 1], ids[child + 1], keys[child], ids[child])) {
                child++;
            }
            if (!before(keys[child], ids[child], key, id)) {
                break;
            }
            keys[i] = keys[child];
            ids[i] = ids[child];
            stamps[i] = stamps[child];
            i = child;
        }
        keys[i] = key;
        ids[i] = id;
        stamps[i] = stamp;
    }

    private void ensureCapacity() {
        if (size == keys.length) {
            int capacity = keys.length * 2;
            keys = Arrays.copyOf(keys, capacity);
            ids = Arrays.copyOf(ids, capacity);
            stamps = Arrays.copyOf(stamps, capacity);
        }
    }

    private static boolean before(double keyA, int idA, double keyB, int idB) {
        return keyA > keyB || (keyA == keyB && idA < idB);
    }
}
