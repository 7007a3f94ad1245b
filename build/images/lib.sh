# Shared by build/images/build.sh and check.sh. Source it from the repository root.

# buildah and podman on containers-storage's vfs driver: slower than overlay, but it needs no kernel module or FUSE,
# so it works in unprivileged CI containers too.
bah() { buildah --storage-driver vfs "$@"; }

# The Java modules the services use (Quarkus, Vert.x, Kafka clients with SASL/Kerberos, Kafka Streams with RocksDB,
# JMX and JFR for diagnostics).
JRE_MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,\
java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,\
java.xml,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.security.auth,\
jdk.unsupported,jdk.zipfs

module_of() {
  case $1 in
    router|router-jvm) echo router-svc ;;
    metering) echo metering-svc ;;
    breaker) echo breaker-svc ;;
    distill-operator) echo distill-operator ;;
    *) echo "unknown image '$1' (router, router-jvm, metering, breaker, distill-operator)" >&2; return 1 ;;
  esac
}

# image_of REPOSITORY NAME TAG: the router on the JVM is the router's image with a -jvm tag.
image_of() {
  if [[ $2 == router-jvm ]]; then echo "$1/router:$3-jvm"; else echo "$1/$2:$3"; fi
}

# The chart's appVersion: the tag images get by default.
chart_app_version() {
  local version
  version=$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' helm/switchboard/Chart.yaml 2>/dev/null || true)
  echo "${version:-dev}"
}
