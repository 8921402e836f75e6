#!/usr/bin/env bash
# A throwaway single-node Slurm cluster on this machine, for trying the examples and for CI.
#
#   Examples/slurm/local-cluster.sh start DIR   # munged, slurmctld and slurmd (as root), state in DIR
#   export SLURM_CONF=DIR/slurm.conf            # what start prints; sbatch/squeue/sinfo then use it
#   Examples/slurm/local-cluster.sh stop DIR    # stops exactly the daemons start launched, by pid
#
# Debian's slurm-wlm and munge packages (apt-get install -y slurm-wlm munge). Everything lives in
# DIR (config, munge socket and key, spool, state, logs, pid files), so the machine's own
# /etc/slurm and /run/munge are left alone. One node named `hostname -s` with CPUs=`nproc`;
# ProctrackType=proctrack/linuxproc and TaskPlugin=task/none need no cgroups (containers, CI).
# Ports default to 16817/16818 (not Slurm's 6817/6818) so a real installation is not disturbed.
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
dir=$(mkdir -p "$2" && cd "$2" && pwd)
ctld_port=${SRKIT_SLURMCTLD_PORT:-16817}
slurmd_port=${SRKIT_SLURMD_PORT:-16818}

stop_pidfile() {  # name pidfile: TERM the pid it holds, wait up to 15 s, then KILL
    local name=$1 file=$2 pid
    [ -s "$file" ] || return 0
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then echo "$name ($pid) did not stop; killing it" >&2; kill -KILL "$pid" 2>/dev/null || true; fi
    fi
    rm -f "$file"
}

case "$action" in
start)
    for tool in munged slurmctld slurmd sinfo; do
        command -v "$tool" >/dev/null || { echo "$tool not found; apt-get install -y slurm-wlm munge" >&2; exit 1; }
    done
    node=$(hostname -s)
    mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/log"
    chmod 700 "$dir/munge"
    # A key of our own (munged refuses a key readable by others).
    if [ ! -s "$dir/munge/munge.key" ]; then
        dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
        chmod 600 "$dir/munge/munge.key"
    fi
    cat > "$dir/slurm.conf" <<CONF
# Written by Examples/slurm/local-cluster.sh: a single-node cluster for tests.
ClusterName=srkit-local
SlurmctldHost=$node
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SchedulerType=sched/backfill
# A job whose afterok dependency failed is cancelled, not left pending (sbatch --wait would hang).
SchedulerParameters=kill_invalid_depend
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SlurmdTimeout=60
InactiveLimit=0
KillWait=5
MinJobAge=300
NodeName=$node CPUs=$(nproc) State=UNKNOWN
PartitionName=local Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
    export SLURM_CONF="$dir/slurm.conf"
    munged --force --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
        --pid-file="$dir/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munged.seed"
    slurmctld -f "$SLURM_CONF"
    slurmd -f "$SLURM_CONF" -N "$node"
    # Up when the node is idle (a few seconds).
    for _ in $(seq 300); do
        state=$(sinfo -h -n "$node" -o %t 2>/dev/null || true)
        case "$state" in idle*|mix*) echo "slurm up: node $node idle with $(nproc) CPUs; export SLURM_CONF=$SLURM_CONF"; exit 0 ;; esac
        sleep 0.1
    done
    echo "slurm did not come up in 30 s (node state '${state:-none}'); logs in $dir/log:" >&2
    tail -n 20 "$dir/log/"*.log >&2 || true
    exit 1
    ;;
stop)
    stop_pidfile slurmd "$dir/slurmd.pid"
    stop_pidfile slurmctld "$dir/slurmctld.pid"
    stop_pidfile munged "$dir/munged.pid"
    echo "slurm stopped ($dir)"
    ;;
*) usage ;;
esac
