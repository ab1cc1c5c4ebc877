{{/* Names and labels. */}}
{{- define "herald.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "herald.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "herald.labels" -}}
{{ include "herald.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Whether the replicas share a Redis: required for more than one (SQLite admits one process per file). */}}
{{- define "herald.redis" -}}
{{- if or .Values.redis.url .Values.redis.existingSecret }}true{{ end -}}
{{- end -}}

{{- define "herald.metrics" -}}
{{- if or .Values.metrics.token .Values.metrics.existingSecret }}true{{ end -}}
{{- end -}}

{{/* The Secret holding the Redis URL and the metrics token given inline. */}}
{{- define "herald.inlineSecret" -}}
{{- if or .Values.redis.url .Values.metrics.token }}true{{ end -}}
{{- end -}}

{{/* Drain time in whole seconds, rounded up. */}}
{{- define "herald.drainSeconds" -}}
{{- div (add (int .Values.shutdownTimeoutMs) 999) 1000 -}}
{{- end -}}

{{- define "herald.terminationGracePeriodSeconds" -}}
{{- $drain := add (int .Values.preStopSleepSeconds) (include "herald.drainSeconds" . | int) -}}
{{- if kindIs "invalid" .Values.terminationGracePeriodSeconds -}}
{{- add $drain 5 -}}
{{- else -}}
{{- .Values.terminationGracePeriodSeconds | int -}}
{{- end -}}
{{- end -}}

{{/* Settings the chart refuses, each with what to do instead. */}}
{{- define "herald.validate" -}}
{{- $replicas := int .Values.replicaCount -}}
{{- if and (not (include "herald.redis" .)) (or (gt $replicas 1) .Values.autoscaling.enabled) -}}
{{- $why := "needs Redis: SQLite admits one process per file. Set redis.url or redis.existingSecret, or keep replicaCount=1." -}}
{{- fail (printf "replicaCount=%d (or autoscaling) %s" $replicas $why) -}}
{{- end -}}
{{- $drain := add (int .Values.preStopSleepSeconds) (include "herald.drainSeconds" . | int) -}}
{{- $grace := include "herald.terminationGracePeriodSeconds" . | int -}}
{{- if le $grace $drain -}}
{{- $why := "must be above preStopSleepSeconds + shutdownTimeoutMs" -}}
{{- fail (printf "terminationGracePeriodSeconds=%d %s (%d s), or the drain is cut short." $grace $why $drain) -}}
{{- end -}}
{{- if and .Values.metrics.serviceMonitor.enabled (not (include "herald.metrics" .)) -}}
{{- fail "metrics.serviceMonitor.enabled needs metrics.token or metrics.existingSecret: /metrics exists only with METRICS_TOKEN." -}}
{{- end -}}
{{- range $key := list "HERALD_STORE" "REDIS_URL" "SHUTDOWN_TIMEOUT_MS" "METRICS_TOKEN" "PORT" -}}
{{- if hasKey $.Values.env $key -}}
{{- fail (printf "env.%s is set by the chart: use the chart's own value for it (values.yaml)." $key) -}}
{{- end -}}
{{- end -}}
{{- end -}}
