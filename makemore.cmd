@REM ----------------------------------------------------------------------------
@REM makemore.cmd: the command line of makemore-java on Windows, what ./makemore is
@REM elsewhere (run 'makemore.cmd --help').
@REM
@REM   makemore.cmd lecture                 every stage of the lecture, then the loss table
@REM   makemore.cmd train --stage batchnorm --steps 2000 --json
@REM   makemore.cmd sample --model model.bin
@REM
@REM Builds training\target\makemore.jar (and its dependencies in training\target\lib) when
@REM needed: when the jar is missing, or when a pom.xml or any src\main file of the modules it
@REM is made of is newer than it. The build's output goes to stderr, so stdout holds only the
@REM program's (--json). The JVM options are ./makemore's (LauncherScriptsTest checks it).
@REM
@REM Optional ENV vars
@REM   JAVA_HOME          - the JDK (17 or newer) to build and run with; else java on the PATH
@REM   MAKEMORE_JAVA_OPTS - extra JVM options, e.g. -Xmx4g
@REM   MAKEMORE_DATA      - names.txt, when --data is not given
@REM ----------------------------------------------------------------------------

@SETLOCAL
@SET "__MM_JAR=%~dp0training\target\makemore.jar"
@SET "__MM_JAVA=java"
@IF NOT "%JAVA_HOME%"=="" SET "__MM_JAVA=%JAVA_HOME%\bin\java.exe"
@"%__MM_JAVA%" -version >NUL 2>&1 || (
  echo makemore: no java found: install a JDK 17 or newer, or set JAVA_HOME >&2
  EXIT /B 1
)

@REM Stale when the jar or its lib folder is missing, or a pom.xml or src\main file is newer.
@SET __MM_STALE=
@FOR /F "usebackq delims=" %%A IN (`powershell -noprofile "& {$r='%~dp0'; $jar=$r+'training\target\makemore.jar'; if (-not (Test-Path $jar) -or -not (Test-Path ($r+'training\target\lib'))) { 'stale'; exit }; $t=(Get-Item $jar).LastWriteTime; $s=@($r+'pom.xml') + ('core','autograd','layers','diagnostics','training' | ForEach-Object { ($r+$_+'\pom.xml'), ($r+$_+'\src\main') }); if (Get-ChildItem -Path $s -Recurse -File -ErrorAction SilentlyContinue | Where-Object { $_.LastWriteTime -gt $t } | Select-Object -First 1) { 'stale' }}"`) DO @SET "__MM_STALE=%%A"

@REM After a build the jar is made newer than every source, even if none of them changed.
@IF DEFINED __MM_STALE (
  echo makemore: building training\target\makemore.jar ^(mvnw.cmd package -pl training -am^) ... >&2
  CALL "%~dp0mvnw.cmd" -f "%~dp0pom.xml" -q -B -Dmakemore.target=target -DskipTests -Djacoco.skip=true -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dmakemore.standalone.skip=true package -pl training -am 1>&2
  IF ERRORLEVEL 1 (
    echo makemore: the build failed ^(see above^) >&2
    EXIT /B 1
  )
  powershell -noprofile "& {(Get-Item '%__MM_JAR%').LastWriteTime = Get-Date}"
)

@REM The progress bar is drawn only when the JVM finds a console (no makemore.stderr.tty here).
@"%__MM_JAVA%" --add-modules jdk.incubator.vector ^
  -Xss4m -Xms256m -Xmx2g -XX:+UseParallelGC ^
  -Djava.awt.headless=true ^
  %MAKEMORE_JAVA_OPTS% ^
  -jar "%__MM_JAR%" %*
@EXIT /B %ERRORLEVEL%
