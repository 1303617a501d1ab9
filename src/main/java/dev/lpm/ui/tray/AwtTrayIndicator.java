package dev.lpm.ui.tray;

import java.awt.AWTException;
import java.awt.CheckboxMenuItem;
import java.awt.Dimension;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Image;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.event.ItemEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray icon through java.awt.SystemTray. Every AWT call runs on the AWT event dispatch thread
 * (posted with {@link EventQueue#invokeLater}), so callers on the FX thread never block on AWT.
 */
public final class AwtTrayIndicator implements TrayIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(AwtTrayIndicator.class);

    private final Map<TrayState, Image> images = new EnumMap<>(TrayState.class);
    private final PopupMenu popup = new PopupMenu();
    // touched only on the EDT; state and tooltip are kept so a setState before install is not lost
    private TrayIcon icon;
    private TrayState state = TrayState.SECURE;
    private String tooltip = "LocalPortManager";

    @Override
    public String kind() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        return os.contains("linux") || os.contains("bsd") ? "AWT (XEmbed)" : "AWT";
    }

    @Override
    public CompletionStage<Void> install(Runnable onActivate) {
        CompletableFuture<Void> installed = new CompletableFuture<>();
        EventQueue.invokeLater(() -> {
            try {
                SystemTray tray = SystemTray.getSystemTray();
                int pixels = TrayIcons.pixelSizeFor(logicalSize(tray.getTrayIconSize()), screenScale());
                for (TrayState state : TrayState.values()) {
                    images.put(state, TrayIcons.load(state, pixels));
                }
                icon = new TrayIcon(images.get(state), tooltip, popup);
                icon.setImageAutoSize(true); // the panel may be a few pixels off the size we picked
                icon.addActionListener(e -> onActivate.run()); // double click, or Enter on Windows
                icon.addMouseListener(new MouseAdapter() {
                    @Override
                    public void mouseClicked(MouseEvent e) {
                        if (e.getButton() == MouseEvent.BUTTON1 && e.getClickCount() == 1) {
                            onActivate.run();
                        }
                    }
                });
                tray.add(icon);
                LOG.debug("tray icon installed at {} px", pixels);
                installed.complete(null);
            } catch (AWTException | RuntimeException e) {
                icon = null;
                installed.completeExceptionally(e);
            }
        });
        return installed;
    }

    @Override
    public void setState(TrayState newState, String newTooltip) {
        EventQueue.invokeLater(() -> {
            state = newState;
            tooltip = newTooltip;
            if (icon != null) {
                icon.setImage(images.get(state));
                icon.setToolTip(tooltip);
            }
        });
    }

    @Override
    public void setMenu(List<MenuItemModel> items) {
        EventQueue.invokeLater(() -> {
            popup.removeAll();
            items.forEach(item -> add(popup, item));
        });
    }

    private static void add(Menu menu, MenuItemModel item) {
        switch (item) {
            case MenuItemModel.Separator s -> menu.addSeparator();
            case MenuItemModel.Action a -> {
                MenuItem mi = new MenuItem(a.label());
                mi.setEnabled(a.enabled());
                mi.addActionListener(e -> a.run().run());
                menu.add(mi);
            }
            case MenuItemModel.Toggle t -> {
                CheckboxMenuItem mi = new CheckboxMenuItem(t.label(), t.checked());
                mi.addItemListener(e -> t.onChange().accept(e.getStateChange() == ItemEvent.SELECTED));
                menu.add(mi);
            }
            case MenuItemModel.Submenu s -> {
                Menu sub = new Menu(s.label());
                s.items().forEach(child -> add(sub, child));
                menu.add(sub);
            }
        }
    }

    @Override
    public void displayMessage(String title, String text) {
        EventQueue.invokeLater(() -> {
            if (icon != null) {
                icon.displayMessage(title, text, TrayIcon.MessageType.INFO);
            }
        });
    }

    @Override
    public void remove() {
        EventQueue.invokeLater(() -> {
            if (icon != null) {
                SystemTray.getSystemTray().remove(icon);
                icon = null;
            }
        });
    }

    /** The panel's icon size in logical pixels (the larger side; panels are square or nearly so). */
    private static int logicalSize(Dimension size) {
        return Math.max(16, Math.max(size.width, size.height));
    }

    /** HiDPI: the default screen's scale (2.0 with GDK_SCALE=2 or sun.java2d.uiScale=2). */
    private static double screenScale() {
        return GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice().getDefaultConfiguration()
                .getDefaultTransform().getScaleX();
    }
}
