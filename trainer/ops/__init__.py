"""Running the site on several app servers: the balancer's health check, request logs, backups."""
