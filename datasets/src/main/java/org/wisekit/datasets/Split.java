package org.wisekit.datasets;

/** A dataset split. Not every dataset has every split; loaders say which they accept. */
public enum Split {
    TRAIN, DEV, TEST
}
