package dev.lpm.docker.engine;

/**
 * How an instance opens its engine client. The instance opens exactly one and hands it to every part
 * that talks to the engine; a test counts the calls, so a second client cannot creep in unnoticed.
 */
@FunctionalInterface
public interface EngineClientFactory {

    /**
     * settings.json's engineHost when set, else the engine the docker CLI would use (DOCKER_HOST, else the
     * platform socket).
     */
    EngineClientFactory CONFIGURED = DockerGateway::open;

    /** @param engineHost settings.json's {@code engineHost}, null when not set */
    DockerGateway open(String engineHost);
}
