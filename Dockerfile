# One image for the gateway and every subgraph; docker-compose.yml picks the entry point.
FROM node:20-bookworm-slim AS build
WORKDIR /hub
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build && npm run build:console -- --logLevel warn && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /hub
COPY --from=build /hub/package.json ./
COPY --from=build /hub/node_modules ./node_modules
COPY --from=build /hub/dist ./dist
COPY --from=build /hub/schema ./schema
USER node
CMD ["node", "dist/gateway/index.js"]
