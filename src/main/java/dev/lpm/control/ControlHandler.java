package dev.lpm.control;

import java.io.IOException;

/** Executes one control request and writes its replies. */
@FunctionalInterface
public interface ControlHandler {
    void handle(ControlRequest request, ControlServer.ReplySink replies, ControlServer.PeerConnection peer)
            throws IOException;
}
