package org.distreboot.workflow.values;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A run paused by an operator: no node starts its turn until resumed; a node in flight finishes.
 *
 * @param reason what the operator said, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Pause(String by, Instant at, String reason) {
}
