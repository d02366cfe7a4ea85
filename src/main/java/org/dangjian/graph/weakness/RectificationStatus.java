package org.dangjian.graph.weakness;

import org.dangjian.graph.api.ApiException;

/**
 * The states of a rectification (整顿) and the only moves between them: IDENTIFIED → RECTIFYING →
 * RECTIFIED (accepted, 验收). Progress is recorded only while RECTIFYING.
 */
enum RectificationStatus {
    IDENTIFIED,
    RECTIFYING,
    RECTIFIED;

    /** Whether a rectification in this state may move to the next one. */
    boolean canMoveTo(RectificationStatus next) {
        return next.ordinal() == ordinal() + 1;
    }

    /** Refuses, with a message naming both states, a move the workflow does not allow. */
    void requireMoveTo(RectificationStatus next, String action) {
        if (!canMoveTo(next)) {
            throw ApiException.conflict("Cannot " + action + ": the rectification is " + this
                    + " (the only moves are IDENTIFIED → RECTIFYING → RECTIFIED)");
        }
    }
}
