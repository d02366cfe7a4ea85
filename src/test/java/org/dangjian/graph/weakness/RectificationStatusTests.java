package org.dangjian.graph.weakness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dangjian.graph.weakness.RectificationStatus.IDENTIFIED;
import static org.dangjian.graph.weakness.RectificationStatus.RECTIFIED;
import static org.dangjian.graph.weakness.RectificationStatus.RECTIFYING;

import org.dangjian.graph.api.ApiException;
import org.junit.jupiter.api.Test;

class RectificationStatusTests {

    @Test
    void identifiedMayOnlyStartRectifying() {
        assertThat(IDENTIFIED.canMoveTo(RECTIFYING)).isTrue();
        assertThat(IDENTIFIED.canMoveTo(RECTIFIED)).isFalse();
        assertThat(IDENTIFIED.canMoveTo(IDENTIFIED)).isFalse();
    }

    @Test
    void rectifyingMayOnlyBeAccepted() {
        assertThat(RECTIFYING.canMoveTo(RECTIFIED)).isTrue();
        assertThat(RECTIFYING.canMoveTo(IDENTIFIED)).isFalse();
        assertThat(RECTIFYING.canMoveTo(RECTIFYING)).isFalse();
    }

    @Test
    void rectifiedIsFinal() {
        for (var next : RectificationStatus.values()) {
            assertThat(RECTIFIED.canMoveTo(next)).isFalse();
        }
    }

    @Test
    void anIllegalMoveIsAConflictNamingTheState() {
        assertThatThrownBy(() -> IDENTIFIED.requireMoveTo(RECTIFIED, "accept the rectification"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("IDENTIFIED")
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ApiException.Code.CONFLICT));
    }
}
