package org.distreboot.client.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.Optional;
import org.distreboot.workflow.values.RebootWindow;

/** When nodes may start their turn (window.*): none unless window.start and window.end are set. */
@ConfigurationProperties("distreboot.window")
public record WindowProperties(String days, Optional<String> start, Optional<String> end, String tz) {

    public WindowProperties {
        if (start.isPresent() != end.isPresent()) {
            throw new PropertyProblem("window.start and window.end go together: "
                    + (start.isPresent() ? "window.end" : "window.start") + " is not set", "");
        }
        try {
            start.ifPresent(from -> new RebootWindow(days, from, end.get(), tz));
        } catch (IllegalArgumentException e) {
            throw new PropertyProblem("bad value for " + e.getMessage(), "");
        }
    }

    public Optional<RebootWindow> rebootWindow() {
        return start.map(from -> new RebootWindow(days, from, end.orElseThrow(), tz));
    }
}
