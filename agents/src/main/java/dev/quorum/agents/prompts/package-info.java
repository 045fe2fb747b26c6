/**
 * Prompts in files, for prompt iteration without a rebuild.
 *
 * <p>{@code prompts/<id>.prompt} holds a version header, a {@code [system]} and a {@code [user]} part, templated
 * with {@code {{placeholder}}} values and {@code {{#name}}...{{/name}}} sections (rendered only when the value is
 * present; {@code {{^name}}} when it is absent). {@link dev.quorum.agents.prompts.PromptRepository} re-reads a
 * file when asked (each decision cycle) and serves the new version when it parses, or keeps serving the last good
 * one and reports the broken file and line. Untrusted text (news, recalled memories) only ever enters a prompt
 * through {@link dev.quorum.agents.prompts.UntrustedText}: sanitised, length-capped and fenced in a data block;
 * {@link dev.quorum.agents.prompts.PromptBudget} narrows those blocks further when a whole call would exceed its token
 * budget (600).
 */
package dev.quorum.agents.prompts;
