/** The shared default JSON mapper ({@link dev.quorum.agents.json.Json}). */
package dev.quorum.agents.json;
