#!/bin/sh
# nightly reconciliation for legacy invoices
set -e
ENV=${1:-TEST}
sqlplus -s "billing/${BILLING_PW}@${ENV}" @reconcile.sql
