package org.dangjian.graph.time;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * "Today" for every as-of question and default date, in the organization department's time zone
 * (Asia/Shanghai unless {@code party-graph.time-zone} says otherwise), read from the system clock, or
 * from a {@link Clock} bean when the context has one (the tests move it across midnight).
 */
@Component
public class Today {

    private final Clock clock;

    public Today(@Value("${party-graph.time-zone:Asia/Shanghai}") String zone, ObjectProvider<Clock> clock) {
        var zoneId = ZoneId.of(zone);
        this.clock = clock.getIfAvailable(() -> Clock.system(zoneId)).withZone(zoneId);
    }

    /** The department's time zone. */
    public java.time.ZoneId zone() {
        return clock.getZone();
    }

    public LocalDate date() {
        return LocalDate.now(clock);
    }

    /** The given date, or today when it is null. */
    public LocalDate orToday(LocalDate date) {
        return date == null ? date() : date;
    }
}
