# Builds target\installer\LocalPortManager-VERSION.msi (Windows). Not run in CI (Linux only).
#
# Prerequisites: JDK 25 (with jpackage) as JAVA_HOME, Maven, WiX Toolset 3.x (candle/light on PATH)
# or WiX 4+ (wix.exe on PATH; jpackage 25 uses either), and icons\lpm.ico (e.g. from lpm.png with
# ImageMagick: magick icons\lpm.png -define icon:auto-resize=256,48,32,16 icons\lpm.ico).
# One jpackage step (app image + msi), per-user install under %LOCALAPPDATA%\LocalPortManager.
# Not done yet: putting lpm.exe on PATH (add that directory to the user's PATH by hand), and the AOT
# cache training (installers/aot-train.sh is Linux/macOS only). Untested: written without a Windows box.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
if (-not $env:JAVA_HOME) { throw "set JAVA_HOME to a JDK 25" }
if (-not (Test-Path icons\lpm.ico)) { throw "msi.ps1 needs icons\lpm.ico (see the header)" }
if ($env:LPM_SKIP_BUILD -ne "1") {   # mvn -Ppackage package has built the jar already
  mvn -B -ntp -q -DskipTests package
  if ($LASTEXITCODE -ne 0) { throw "mvn package failed" }
}

$manifest = (& "$env:JAVA_HOME\bin\jar.exe" xf target\lpm.jar META-INF/MANIFEST.MF; Get-Content META-INF\MANIFEST.MF)
Remove-Item -Recurse -Force META-INF
$version = (($manifest | Select-String '^Implementation-Version: (.*)$').Matches[0].Groups[1].Value) -replace '-SNAPSHOT$', ''

$work = "target\jpackage"
Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force "$work\input\libs", "target\installer" | Out-Null
Copy-Item target\lpm.jar "$work\input\"
$fx = @()
Get-ChildItem target\libs\*.jar | ForEach-Object {
  if ($_.Name -match '^javafx-[a-z]+-[0-9.]+-.+\.jar$') { $fx += $_.FullName }       # into the runtime
  elseif ($_.Name -notmatch '^javafx-') { Copy-Item $_.FullName "$work\input\libs\" }
}
$modules = "java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http," +
  "java.security.jgss,java.sql,java.xml,jdk.charsets,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.net," +
  "jdk.security.auth,jdk.unsupported,jdk.unsupported.desktop,jdk.zipfs,javafx.base,javafx.graphics,javafx.controls,javafx.swing"
& "$env:JAVA_HOME\bin\jlink.exe" --module-path ($fx -join ';') --add-modules $modules `
  --strip-debug --no-header-files --no-man-pages --output "$work\runtime"
if ($LASTEXITCODE -ne 0) { throw "jlink failed" }
# JavaFX loads its DLLs from the runtime's bin\ instead of unpacking them into the user's profile.
foreach ($jar in $fx) { tar -xf $jar -C "$work\runtime\bin" --wildcards '*.dll' 2>$null }

& "$env:JAVA_HOME\bin\jpackage.exe" --type msi '@jpackage/common.opts' '@jpackage/app-image.opts' '@jpackage/windows.opts' `
  --app-version $version --input "$work\input" --runtime-image "$work\runtime" --dest target\installer
if ($LASTEXITCODE -ne 0) { throw "jpackage failed" }
Get-ChildItem target\installer\*.msi
