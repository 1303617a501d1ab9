package dev.lpm.ui.notify;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries notifiers in order until one shows the notification. A failing notifier is logged the first
 * time only (a missing notification server would otherwise fill the log) and the next one is tried;
 * nothing is thrown to the caller.
 */
final class NotifierChain implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotifierChain.class);

    private final List<DesktopNotifier> notifiers;
    private final Set<String> alreadyLogged = ConcurrentHashMap.newKeySet();

    NotifierChain(List<DesktopNotifier> notifiers) {
        this.notifiers = List.copyOf(notifiers);
    }

    /** The notifier that showed it, or null when none could. */
    DesktopNotifier show(Notification notification) {
        for (DesktopNotifier notifier : notifiers) {
            try {
                if (notifier.show(notification)) {
                    return notifier;
                }
            } catch (RuntimeException e) {
                if (alreadyLogged.add(notifier.name())) {
                    LOG.warn("{} failed, trying the next way to notify (logged once): {}", notifier.name(),
                            e.toString());
                }
            }
        }
        LOG.info("no way to show the notification \"{}\"", notification.title());
        return null;
    }

    @Override
    public void close() {
        for (DesktopNotifier notifier : notifiers) {
            try {
                notifier.close();
            } catch (RuntimeException e) {
                LOG.debug("closing {} failed", notifier.name(), e);
            }
        }
    }
}
