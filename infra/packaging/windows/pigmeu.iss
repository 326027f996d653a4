; Inno Setup script: the Windows installer of Pigmeu Copilot Desktop (built by infra/build.ps1).
; Per-user install without admin rights, Portuguese (Brazil) and English, Start-menu and desktop shortcuts,
; an uninstaller, and upgrades in place: a fixed AppId makes a new version install over the old one.
; The editor's data (%LOCALAPPDATA%\Pigmeu\pigmeu-desktop) is never touched by install, upgrade or uninstall.
; Compile: iscc /DAppVersion=0.1.0 /DSourceDir=..\..\..\dist\pigmeu-desktop /DIconFile=..\..\..\build\icons\pigmeu.ico pigmeu.iss

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\..\dist\pigmeu-desktop"
#endif
#ifndef IconFile
  #define IconFile "..\..\..\build\icons\pigmeu.ico"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\..\dist"
#endif

[Setup]
AppId={{6E2B8F0C-4B1D-4C4F-9C1E-5A7D3F2B9E10}
AppName=Pigmeu Copilot Desktop
AppVersion={#AppVersion}
AppVerName=Pigmeu Copilot Desktop {#AppVersion}
AppPublisher=Pigmeu
DefaultDirName={localappdata}\Programs\Pigmeu Copilot Desktop
DefaultGroupName=Pigmeu Copilot Desktop
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=Pigmeu-Copilot-Desktop-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\pigmeu-desktop.exe
UninstallDisplayName=Pigmeu Copilot Desktop
Compression=lzma2/ultra64
SolidCompression=yes
WizardStyle=modern
; Upgrading: close a running copy first, then replace the program files in place.
CloseApplications=yes
RestartApplications=no
UsePreviousAppDir=yes
VersionInfoVersion={#AppVersion}

[Languages]
Name: "brazilianportuguese"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
brazilianportuguese.DesktopIconTask=Criar um atalho na área de trabalho
english.DesktopIconTask=Create a desktop shortcut
brazilianportuguese.LaunchTask=Abrir o Pigmeu Copilot Desktop
english.LaunchTask=Open Pigmeu Copilot Desktop

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIconTask}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the bundle whole, so files a newer version no longer ships do not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Pigmeu Copilot Desktop"; Filename: "{app}\pigmeu-desktop.exe"
Name: "{group}\{cm:UninstallProgram,Pigmeu Copilot Desktop}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Pigmeu Copilot Desktop"; Filename: "{app}\pigmeu-desktop.exe"; Tasks: desktopicon

[Registry]
; `pigmeu` in new terminals: the install folder on the user's PATH (removed again by the uninstaller).
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; \
  Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\pigmeu-desktop.exe"; Description: "{cm:LaunchTask}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Path, Dir: string;
  P: Integer;
begin
  if CurUninstallStep <> usPostUninstall then
    exit;
  Dir := ExpandConstant('{app}');
  if RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path) then
  begin
    P := Pos(';' + Uppercase(Dir), Uppercase(Path));
    if P > 0 then
    begin
      Delete(Path, P, Length(Dir) + 1);
      RegWriteExpandStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path);
    end;
  end;
end;
