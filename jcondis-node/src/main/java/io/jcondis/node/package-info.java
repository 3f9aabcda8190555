/**
 * Running nodes: a long-running process hosting a runtime, a driver and a client agent per host, with a local
 * control server (JSON lines on loopback TCP, docs/node.md); {@link io.jcondis.node.NodeProcess} starts one as
 * a child JVM.
 */
package io.jcondis.node;
