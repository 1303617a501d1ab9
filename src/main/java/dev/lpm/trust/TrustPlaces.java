package dev.lpm.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The places a run covers on this machine, in the order they are shown. */
public final class TrustPlaces {

    private TrustPlaces() {}

    public static List<TrustPlace> of(TrustSettings settings, TrustCommands commands) {
        TrustNames names = TrustNames.forUser(settings.user());
        String os = settings.osName().toLowerCase(Locale.ROOT);
        boolean mac = os.contains("mac");
        boolean windows = os.contains("windows");
        List<TrustPlace> places = new ArrayList<>();
        if (settings.kinds().contains(PlaceKind.SYSTEM)) {
            if (mac) {
                places.add(new MacKeychain(MacKeychain.loginKeychain(settings.home()), commands));
            } else if (windows) {
                places.add(new WindowsUserRoot(commands));
            } else {
                Optional<SystemStoreLayout> layout = SystemStoreLayout.choose(settings.systemLayout());
                layout.ifPresentOrElse(l -> places.add(new LinuxSystemStore(l, names, commands, settings.root())),
                        () -> places.add(new NoSystemStore(settings.systemLayout())));
            }
        }
        if (settings.kinds().contains(PlaceKind.NSS) && !mac && !windows) {
            String hint = NssDatabases.certutilInstall(settings.osRelease());
            List<NssDatabases.Found> found = settings.nssDatabases().isEmpty() ? NssDatabases.under(settings.home())
                    : settings.nssDatabases().stream().map(dir -> new NssDatabases.Found(dir, "named with --nss-db")).toList();
            if (found.isEmpty()) {
                places.add(new NoNssDatabase(settings.home()));
            }
            found.forEach(f -> places.add(new NssDatabase(f.dir(), f.label(), names, commands, hint)));
        }
        if (settings.kinds().contains(PlaceKind.JAVA)) {
            places.add(new JavaTrustStore(settings.javaTrustStore(), settings.trustStorePassword(), names));
        }
        return places;
    }
}
