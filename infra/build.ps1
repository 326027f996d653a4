# Build the Windows bundle and its Inno Setup installer from a clean venv made from requirements\build.txt.
#   dist\pigmeu-desktop\ (pigmeu-desktop.exe windowed, pigmeu.exe console) and
#   dist\Pigmeu-Copilot-Desktop-<version>-setup.exe
# Needs Python 3.11+ and Inno Setup 6 (iscc.exe on PATH or in its default folder).
# Usage: powershell -File infra\build.ps1 [-BundleOnly]
# Env: PIGMEU_BUNDLE_CONSOLE=1 builds the console/debug variant of the GUI.
param([switch]$BundleOnly)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
$root = Get-Location
$venv = if ($env:PIGMEU_BUILD_VENV) { $env:PIGMEU_BUILD_VENV } else { Join-Path $root "build\venv" }
$started = Get-Date

# A clean venv whenever the build lock changes: no test package can reach the bundle.
$want = (Get-FileHash -Algorithm SHA256 -InputStream ([IO.MemoryStream]::new(
  [Text.Encoding]::UTF8.GetBytes((Get-Content -Raw requirements\build.txt) + (Get-Content -Raw pyproject.toml))))).Hash
$stamp = Join-Path $venv ".pigmeu-lock"
if (-not (Test-Path $stamp) -or (Get-Content -Raw $stamp).Trim() -ne $want) {
  if (Test-Path $venv) { Remove-Item -Recurse -Force $venv }
  $python = if ($env:PYTHON) { $env:PYTHON } else { "python" }  # setup-python puts 3.11 first on PATH
  & $python -m venv $venv
  & "$venv\Scripts\python.exe" -m pip install -q --require-hashes --no-deps -r requirements\build.txt
  if ($LASTEXITCODE) { throw "pip install failed" }
  & "$venv\Scripts\python.exe" -m pip install -q --no-deps --no-build-isolation -e .
  if ($LASTEXITCODE) { throw "pip install -e . failed" }
  Set-Content -Path $stamp -Value $want
}
$py = "$venv\Scripts\python.exe"
$version = & $py -c "import pigmeu_desktop; print(pigmeu_desktop.__version__)"

$env:QT_QPA_PLATFORM = "offscreen"
& $py infra\icons.py build\icons | Out-Null
Remove-Item Env:QT_QPA_PLATFORM
if (Test-Path dist\pigmeu-desktop) { Remove-Item -Recurse -Force dist\pigmeu-desktop }
& $py -m PyInstaller --noconfirm --log-level WARN --workpath build\pyinstaller --distpath dist pigmeu.spec
if ($LASTEXITCODE) { throw "PyInstaller failed" }

# The bundle must start before it is packaged.
& dist\pigmeu-desktop\pigmeu.exe --version
if ($LASTEXITCODE) { throw "pigmeu.exe --version failed" }

if (-not $BundleOnly) {
  $iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
  if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
  & $iscc /Q "/DAppVersion=$version" "/DSourceDir=$root\dist\pigmeu-desktop" "/DIconFile=$root\build\icons\pigmeu.ico" `
    "/DOutputDir=$root\dist" infra\packaging\windows\pigmeu.iss
  if ($LASTEXITCODE) { throw "Inno Setup failed" }
}
Get-ChildItem dist -Filter *.exe | Format-Table Name, Length
Write-Host ("infra/build.ps1: done in {0:N0} s" -f ((Get-Date) - $started).TotalSeconds)
