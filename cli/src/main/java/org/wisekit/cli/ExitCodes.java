package org.wisekit.cli;

/** The CLI's exit statuses. */
final class ExitCodes {

    static final int OK = 0;
    /** A run failed (an exception inside a reproduction, a benchmark that did not finish). */
    static final int FAILED = 1;
    /** Bad command line or bad argument value. */
    static final int USAGE = 2;
    /** Data a command needs is missing or corrupt. */
    static final int DATA = 3;

    private ExitCodes() {
    }
}
