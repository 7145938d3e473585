# Builds victim-first.exe on a Windows build machine (issue 19).
#
# Needs: rustup (https://rustup.rs) and the Visual Studio Build Tools with the
# C++ workload (the MSVC linker). Run from anywhere:
#   powershell -ExecutionPolicy Bypass -File scripts\build-windows.ps1
#
# What it does:
# - installs (if missing) and uses exactly Rust $Toolchain for the MSVC target,
#   the toolchain the project is tested with (Cargo.toml's rust-version), and
#   refuses to go on if rustc reports another version;
# - builds with the `dist` profile (fat LTO, one codegen unit, stripped) and
#   --locked (the dependency versions in Cargo.lock, nothing newer), with the
#   build machine's folders remapped out of the binary (as scripts/release.sh);
# - runs the result: --version, and assess on an example case, which must say
#   its guidance is built in;
# - writes dist\windows\victim-first.exe and its SHA-256 beside it.
#
# The national guidance is built into the exe; a force's profile is installed
# beside it as guidance\forces\<force>.ron (docs/deployment.md).

$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

$Toolchain = "1.95.0"
$Target = "x86_64-pc-windows-msvc"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

# The toolchain must agree with Cargo.toml's rust-version (major.minor).
$rustVersion = (Select-String -Path Cargo.toml -Pattern '^rust-version\s*=\s*"([^"]+)"').Matches[0].Groups[1].Value
if (-not $Toolchain.StartsWith("$rustVersion.")) {
    throw "This script pins Rust $Toolchain but Cargo.toml says rust-version = $rustVersion; update one of them."
}

if (-not (Get-Command rustup -ErrorAction SilentlyContinue)) {
    throw "rustup is not installed: install it from https://rustup.rs, then run this script again."
}
rustup toolchain install $Toolchain --profile minimal --target $Target
if ($LASTEXITCODE -ne 0) { throw "rustup could not install Rust $Toolchain" }

$reported = (& rustup run $Toolchain rustc --version)
if ($reported -notmatch "^rustc $([regex]::Escape($Toolchain)) ") {
    throw "Expected rustc $Toolchain, got: $reported"
}
Write-Host "Building with $reported for $Target"

# Keep the build machine's folder names out of the binary (panic locations):
# the Cargo home, the rustup home and this source tree.
$cargoHome = if ($env:CARGO_HOME) { $env:CARGO_HOME } else { Join-Path $env:USERPROFILE ".cargo" }
$rustupHome = if ($env:RUSTUP_HOME) { $env:RUSTUP_HOME } else { Join-Path $env:USERPROFILE ".rustup" }
$env:RUSTFLAGS = "--remap-path-prefix=$cargoHome=/cargo --remap-path-prefix=$rustupHome=/rustup --remap-path-prefix=$Root=/src"

$targetDir = if ($env:CARGO_TARGET_DIR) { $env:CARGO_TARGET_DIR } else { Join-Path $Root "target" }
$started = Get-Date
& rustup run $Toolchain cargo build --profile dist --locked --target $Target --bin victim-first
if ($LASTEXITCODE -ne 0) { throw "cargo build failed" }
$took = [int]((Get-Date) - $started).TotalSeconds
$exe = Join-Path $targetDir "$Target\dist\victim-first.exe"
Write-Host "Built $exe in $took s"

# It runs, and uses the guidance built into it.
& $exe --version
if ($LASTEXITCODE -ne 0) { throw "victim-first.exe --version failed" }
$assess = & $exe assess (Join-Path $Root "tests\data\cases\da-doubts-adopting.ron") 2>&1 | Out-String
if ($LASTEXITCODE -ne 0) { throw "victim-first.exe assess failed:`n$assess" }
if ($assess -notmatch "From:\s+built into this program") {
    throw "assess did not say its guidance is built in:`n$assess"
}
Write-Host "assess on an example case used the built-in guidance"

$out = Join-Path $Root "dist\windows"
New-Item -ItemType Directory -Force -Path $out | Out-Null
Copy-Item $exe (Join-Path $out "victim-first.exe") -Force
$hash = (Get-FileHash -Algorithm SHA256 (Join-Path $out "victim-first.exe")).Hash.ToLower()
"$hash  victim-first.exe" | Set-Content -Encoding ascii (Join-Path $out "victim-first.exe.sha256")
$size = (Get-Item (Join-Path $out "victim-first.exe")).Length
Write-Host "Wrote $out\victim-first.exe ($size bytes), SHA-256 $hash"
