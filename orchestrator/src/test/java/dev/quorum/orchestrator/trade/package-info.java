/** The closed loop: Quorum's decisions traded by the trader module and its realised results fed back. */
package dev.quorum.orchestrator.trade;
