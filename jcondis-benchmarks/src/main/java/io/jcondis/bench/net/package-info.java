/**
 * The network benchmarks of issue 4: a multi-process harness ({@link io.jcondis.bench.net.NetBench}) that measures
 * Q.2931 call cycles, VC frames and node-level calls and packets on loopback, each beside a raw-socket baseline
 * measured in the same run (docs/performance.md, "Network (uni)").
 */
package io.jcondis.bench.net;
