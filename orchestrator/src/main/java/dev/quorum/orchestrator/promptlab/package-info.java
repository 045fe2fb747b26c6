/**
 * Prompt iteration grounded in outcomes: replays the exact inputs an agent saw in stored decisions through the
 * current prompt and a candidate, scores both against the realised outcomes, and gates the change by a margin (no
 * verdict on a comparison it could not make: no model reachable, a call that reached none, too few cases or calls);
 * lists the prompt versions and when each was live.
 */
package dev.quorum.orchestrator.promptlab;
