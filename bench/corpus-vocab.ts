// Authored building blocks of the synthetic corpus (bench/corpus.ts). Every phrase is a triple
// [Portuguese, Spanish, English] with the same meaning, so one job can be written in any of the
// three languages (translated copies) and the copies stay aligned phrase by phrase. Slots are
// {a}, {b}, {d} (a domain), {n} (a number), {y} (years), {tool}, {cloud}, {company}, {title}, {goal}.
// "x|y|z" are ways of saying one thing, as many in each language: employers phrase the same
// requirement or benefit differently, and a corpus where they all said it alike would make
// unrelated postings look like near copies of each other.

export type Tri = readonly [pt: string, es: string, en: string];
/** Index into a Tri. */
export type Lang = 0 | 1 | 2;
export const LANGS = ['pt', 'es', 'en'] as const;

export interface RoleFamily {
  key: string;
  /** Title spellings per language; a job keeps one spelling index. */
  titles: readonly [readonly string[], readonly string[], readonly string[]];
  /** What the person works on: the objects of the duty sentences. */
  objects: readonly Tri[];
  goals: readonly Tri[];
  specialisations: readonly Tri[];
  skills: readonly string[];
}

export const FAMILIES: readonly RoleFamily[] = [
  {
    key: 'data_engineer',
    titles: [['Engenheiro de Dados', 'Engenheira de Dados', 'Engenheiro(a) de Dados', 'Data Engineer'], ['Ingeniero de Datos', 'Ingeniera de Datos', 'Ingeniero/a de Datos', 'Data Engineer'], ['Data Engineer', 'Data Platform Engineer']],
    objects: [
      ['pipelines de dados em lote e streaming', 'pipelines de datos batch y streaming', 'batch and streaming data pipelines'],
      ['o data lake e suas camadas bronze, prata e ouro', 'el data lake y sus capas bronce, plata y oro', 'the data lake and its bronze, silver and gold layers'],
      ['processos de ingestão a partir de APIs e bancos transacionais', 'procesos de ingesta desde APIs y bases transaccionales', 'ingestion jobs from APIs and transactional databases'],
      ['modelos de dados dimensionais', 'modelos de datos dimensionales', 'dimensional data models'],
      ['a orquestração das cargas diárias', 'la orquestación de las cargas diarias', 'the orchestration of daily loads'],
      ['contratos de dados entre os times', 'contratos de datos entre los equipos', 'data contracts between teams'],
      ['checagens de qualidade e alertas de atraso', 'controles de calidad y alertas de demora', 'data quality checks and freshness alerts'],
      ['a migração do data warehouse legado', 'la migración del data warehouse heredado', 'the migration of the legacy data warehouse'],
      ['a captura de mudanças (CDC) dos sistemas de origem', 'la captura de cambios (CDC) de los sistemas de origen', 'change data capture from source systems'],
    ],
    goals: [['estruturar nossa plataforma de dados', 'estructurar nuestra plataforma de datos', 'shape our data platform'], ['garantir dados confiáveis para toda a empresa', 'garantizar datos confiables para toda la empresa', 'make data reliable across the company'], ['escalar nossa infraestrutura de dados', 'escalar nuestra infraestructura de datos', 'scale our data infrastructure']],
    specialisations: [['Spark', 'Spark', 'Spark'], ['Streaming', 'Streaming', 'Streaming'], ['GCP', 'GCP', 'GCP'], ['AWS', 'AWS', 'AWS'], ['Plataforma', 'Plataforma', 'Platform'], ['Databricks', 'Databricks', 'Databricks']],
    skills: ['Python', 'SQL', 'Apache Spark', 'Apache Airflow', 'dbt', 'Kafka', 'AWS', 'GCP', 'BigQuery', 'Databricks', 'Snowflake', 'Terraform', 'Docker', 'Scala', 'Redshift', 'Delta Lake'],
  },
  {
    key: 'analytics_engineer',
    titles: [['Analytics Engineer', 'Engenheiro de Analytics', 'Engenheira de Analytics'], ['Analytics Engineer', 'Ingeniero de Analítica'], ['Analytics Engineer']],
    objects: [
      ['modelos dbt que alimentam os painéis da empresa', 'modelos dbt que alimentan los tableros de la empresa', 'dbt models that feed the company dashboards'],
      ['a camada semântica de métricas', 'la capa semántica de métricas', 'the semantic metrics layer'],
      ['testes de qualidade de dados e documentação de tabelas', 'pruebas de calidad de datos y documentación de tablas', 'data tests and table documentation'],
      ['a migração de relatórios legados para o Looker', 'la migración de reportes heredados a Looker', 'the migration of legacy reports to Looker'],
      ['definições de métricas de negócio', 'definiciones de métricas de negocio', 'business metric definitions'],
      ['o catálogo de dados e a linhagem das tabelas', 'el catálogo de datos y el linaje de las tablas', 'the data catalog and table lineage'],
      ['datasets prontos para autoatendimento', 'datasets listos para autoservicio', 'self-serve datasets'],
      ['a modelagem de eventos de produto', 'el modelado de eventos de producto', 'product event modelling'],
    ],
    goals: [['organizar a camada de métricas', 'ordenar la capa de métricas', 'own our metrics layer'], ['conectar engenharia de dados e negócio', 'conectar ingeniería de datos y negocio', 'bridge data engineering and the business'], ['dar autonomia analítica aos times', 'dar autonomía analítica a los equipos', 'give teams analytical autonomy']],
    specialisations: [['dbt', 'dbt', 'dbt'], ['Produto', 'Producto', 'Product'], ['Finanças', 'Finanzas', 'Finance'], ['Marketing', 'Marketing', 'Marketing']],
    skills: ['SQL', 'dbt', 'BigQuery', 'Snowflake', 'Looker', 'Python', 'Git', 'Airflow', 'Power BI', 'Metabase', 'Fivetran', 'Great Expectations'],
  },
  {
    key: 'data_analyst',
    titles: [['Analista de Dados', 'Analista de Dados e BI', 'Data Analyst'], ['Analista de Datos', 'Data Analyst'], ['Data Analyst', 'Business Data Analyst']],
    objects: [
      ['análises de cohort e retenção', 'análisis de cohortes y retención', 'cohort and retention analyses'],
      ['painéis de acompanhamento de KPIs', 'tableros de seguimiento de KPIs', 'KPI tracking dashboards'],
      ['estudos de precificação e elasticidade', 'estudios de precios y elasticidad', 'pricing and elasticity studies'],
      ['relatórios semanais para a diretoria', 'reportes semanales para la dirección', 'weekly reports for leadership'],
      ['experimentos A/B e sua leitura estatística', 'experimentos A/B y su lectura estadística', 'A/B experiments and their statistical readout'],
      ['consultas SQL sobre o data warehouse', 'consultas SQL sobre el data warehouse', 'SQL queries over the data warehouse'],
      ['diagnósticos de funil de conversão', 'diagnósticos del embudo de conversión', 'conversion funnel diagnostics'],
      ['previsões de demanda simples', 'pronósticos de demanda simples', 'simple demand forecasts'],
    ],
    goals: [['transformar dados em decisões', 'transformar datos en decisiones', 'turn data into decisions'], ['apoiar as áreas de negócio com análises', 'apoyar a las áreas de negocio con análisis', 'support business teams with analysis'], ['medir o impacto das iniciativas', 'medir el impacto de las iniciativas', 'measure the impact of our initiatives']],
    specialisations: [['Marketing', 'Marketing', 'Marketing'], ['Produto', 'Producto', 'Product'], ['Operações', 'Operaciones', 'Operations'], ['Crédito', 'Crédito', 'Credit'], ['People Analytics', 'People Analytics', 'People Analytics'], ['Growth', 'Growth', 'Growth']],
    skills: ['SQL', 'Python', 'Power BI', 'Tableau', 'Excel', 'Looker', 'Google Analytics', 'R', 'pandas', 'Statistics', 'BigQuery', 'Metabase'],
  },
  {
    key: 'bi_developer',
    titles: [['Analista de BI', 'Desenvolvedor de BI', 'Especialista em Business Intelligence'], ['Desarrollador BI', 'Analista de Business Intelligence'], ['BI Developer', 'Business Intelligence Analyst']],
    objects: [
      ['relatórios em Power BI com DAX', 'reportes en Power BI con DAX', 'Power BI reports with DAX'],
      ['cubos e modelos tabulares', 'cubos y modelos tabulares', 'cubes and tabular models'],
      ['rotinas de ETL no SQL Server', 'rutinas de ETL en SQL Server', 'ETL routines on SQL Server'],
      ['a governança dos painéis publicados', 'la gobernanza de los tableros publicados', 'the governance of published dashboards'],
      ['indicadores financeiros e comerciais', 'indicadores financieros y comerciales', 'financial and commercial indicators'],
      ['a automação de relatórios recorrentes', 'la automatización de reportes recurrentes', 'the automation of recurring reports'],
      ['o levantamento de requisitos com os usuários', 'el relevamiento de requisitos con los usuarios', 'requirements gathering with users'],
    ],
    goals: [['levar informação confiável à gestão', 'llevar información confiable a la gestión', 'bring reliable information to management'], ['modernizar nossos relatórios', 'modernizar nuestros reportes', 'modernize our reporting']],
    specialisations: [['Power BI', 'Power BI', 'Power BI'], ['Qlik', 'Qlik', 'Qlik'], ['Tableau', 'Tableau', 'Tableau'], ['Financeiro', 'Financiero', 'Finance']],
    skills: ['Power BI', 'DAX', 'SQL Server', 'SQL', 'Tableau', 'Qlik', 'Excel', 'SSIS', 'Azure', 'Python', 'Oracle'],
  },
  {
    key: 'data_scientist',
    titles: [['Cientista de Dados', 'Cientista de Dados (Modelagem)', 'Data Scientist'], ['Científico de Datos', 'Científica de Datos', 'Data Scientist'], ['Data Scientist', 'Applied Data Scientist']],
    objects: [
      ['modelos de propensão e risco de crédito', 'modelos de propensión y riesgo de crédito', 'propensity and credit risk models'],
      ['modelos de previsão de demanda', 'modelos de pronóstico de demanda', 'demand forecasting models'],
      ['sistemas de recomendação', 'sistemas de recomendación', 'recommender systems'],
      ['modelos de detecção de fraude', 'modelos de detección de fraude', 'fraud detection models'],
      ['segmentações de clientes', 'segmentaciones de clientes', 'customer segmentations'],
      ['testes de hipótese e inferência causal', 'pruebas de hipótesis e inferencia causal', 'hypothesis tests and causal inference'],
      ['modelos de churn e LTV', 'modelos de churn y LTV', 'churn and LTV models'],
      ['features a partir de dados transacionais', 'features a partir de datos transaccionales', 'features from transactional data'],
      ['o monitoramento de modelos em produção', 'el monitoreo de modelos en producción', 'the monitoring of models in production'],
    ],
    goals: [['criar modelos que movem o negócio', 'crear modelos que mueven el negocio', 'build models that move the business'], ['resolver problemas com estatística e machine learning', 'resolver problemas con estadística y machine learning', 'solve problems with statistics and machine learning'], ['levar ciência de dados para a operação', 'llevar ciencia de datos a la operación', 'bring data science into operations']],
    specialisations: [['Crédito', 'Crédito', 'Credit'], ['Pricing', 'Pricing', 'Pricing'], ['Fraude', 'Fraude', 'Fraud'], ['Marketing', 'Marketing', 'Marketing'], ['Recomendação', 'Recomendación', 'Recommendations'], ['Séries Temporais', 'Series Temporales', 'Time Series']],
    skills: ['Python', 'SQL', 'scikit-learn', 'XGBoost', 'pandas', 'Statistics', 'PyTorch', 'TensorFlow', 'Spark', 'LightGBM', 'R', 'MLflow', 'Databricks', 'causal inference'],
  },
  {
    key: 'ml_engineer',
    titles: [['Engenheiro de Machine Learning', 'Engenheira de Machine Learning', 'ML Engineer'], ['Ingeniero de Machine Learning', 'ML Engineer'], ['Machine Learning Engineer', 'ML Engineer']],
    objects: [
      ['serviços de inferência de baixa latência', 'servicios de inferencia de baja latencia', 'low-latency inference services'],
      ['pipelines de treino reprodutíveis', 'pipelines de entrenamiento reproducibles', 'reproducible training pipelines'],
      ['a feature store da empresa', 'el feature store de la empresa', 'the company feature store'],
      ['o deploy de modelos em Kubernetes', 'el despliegue de modelos en Kubernetes', 'model deployment on Kubernetes'],
      ['modelos de ranking e busca', 'modelos de ranking y búsqueda', 'ranking and search models'],
      ['avaliações offline e online de modelos', 'evaluaciones offline y online de modelos', 'offline and online model evaluations'],
      ['APIs de predição em Python', 'APIs de predicción en Python', 'prediction APIs in Python'],
      ['a otimização de modelos para GPU', 'la optimización de modelos para GPU', 'model optimization for GPUs'],
    ],
    goals: [['levar modelos do notebook à produção', 'llevar modelos del notebook a producción', 'take models from notebook to production'], ['escalar nossos sistemas de ML', 'escalar nuestros sistemas de ML', 'scale our ML systems']],
    specialisations: [['Ranking', 'Ranking', 'Ranking'], ['Recomendação', 'Recomendación', 'Recommendations'], ['Plataforma', 'Plataforma', 'Platform'], ['Inferência', 'Inferencia', 'Inference']],
    skills: ['Python', 'PyTorch', 'TensorFlow', 'Kubernetes', 'Docker', 'MLflow', 'FastAPI', 'AWS', 'GCP', 'Spark', 'Go', 'ONNX', 'Ray', 'Triton'],
  },
  {
    key: 'mlops_engineer',
    titles: [['Engenheiro de MLOps', 'Especialista em MLOps', 'MLOps Engineer'], ['Ingeniero MLOps', 'MLOps Engineer'], ['MLOps Engineer', 'ML Platform Engineer']],
    objects: [
      ['a esteira de CI/CD de modelos', 'el pipeline de CI/CD de modelos', 'the model CI/CD pipeline'],
      ['o registro e versionamento de modelos', 'el registro y versionado de modelos', 'model registry and versioning'],
      ['o monitoramento de drift e desempenho', 'el monitoreo de drift y desempeño', 'drift and performance monitoring'],
      ['a infraestrutura de treino distribuído', 'la infraestructura de entrenamiento distribuido', 'distributed training infrastructure'],
      ['clusters Kubernetes para workloads de ML', 'clusters de Kubernetes para cargas de ML', 'Kubernetes clusters for ML workloads'],
      ['a infraestrutura como código dos ambientes', 'la infraestructura como código de los entornos', 'infrastructure as code for our environments'],
      ['a observabilidade dos serviços de modelos', 'la observabilidad de los servicios de modelos', 'observability for model services'],
    ],
    goals: [['padronizar como colocamos modelos em produção', 'estandarizar cómo ponemos modelos en producción', 'standardize how we ship models'], ['dar escala ao time de ciência de dados', 'dar escala al equipo de ciencia de datos', 'help the data science team scale']],
    specialisations: [['Kubernetes', 'Kubernetes', 'Kubernetes'], ['AWS', 'AWS', 'AWS'], ['Azure', 'Azure', 'Azure'], ['Vertex AI', 'Vertex AI', 'Vertex AI']],
    skills: ['Kubernetes', 'Docker', 'Terraform', 'MLflow', 'Kubeflow', 'Python', 'AWS', 'SageMaker', 'Vertex AI', 'GitHub Actions', 'Prometheus', 'Grafana', 'Argo'],
  },
  {
    key: 'ai_engineer',
    titles: [['Engenheiro de IA', 'Engenheira de IA Generativa', 'AI Engineer', 'Desenvolvedor de IA'], ['Ingeniero de IA', 'Ingeniero de IA Generativa', 'AI Engineer'], ['AI Engineer', 'LLM Engineer', 'Generative AI Engineer']],
    objects: [
      ['aplicações com LLMs e RAG', 'aplicaciones con LLMs y RAG', 'LLM and RAG applications'],
      ['agentes que automatizam o atendimento', 'agentes que automatizan la atención', 'agents that automate customer support'],
      ['avaliações de qualidade de respostas de LLMs', 'evaluaciones de calidad de respuestas de LLMs', 'evaluations of LLM answer quality'],
      ['bases vetoriais e estratégias de recuperação', 'bases vectoriales y estrategias de recuperación', 'vector stores and retrieval strategies'],
      ['prompts, ferramentas e guardrails', 'prompts, herramientas y guardrails', 'prompts, tools and guardrails'],
      ['o fine-tuning de modelos abertos', 'el fine-tuning de modelos abiertos', 'fine-tuning of open models'],
      ['integrações com APIs de modelos de linguagem', 'integraciones con APIs de modelos de lenguaje', 'integrations with language model APIs'],
    ],
    goals: [['levar IA generativa aos nossos produtos', 'llevar IA generativa a nuestros productos', 'bring generative AI into our products'], ['construir nossos primeiros agentes', 'construir nuestros primeros agentes', 'build our first agents']],
    specialisations: [['LLM', 'LLM', 'LLM'], ['RAG', 'RAG', 'RAG'], ['Agentes', 'Agentes', 'Agents'], ['GenAI', 'GenAI', 'GenAI']],
    skills: ['Python', 'LangChain', 'LLM', 'RAG', 'OpenAI API', 'Hugging Face', 'FastAPI', 'PostgreSQL', 'pgvector', 'Docker', 'TypeScript', 'LlamaIndex', 'AWS Bedrock'],
  },
  {
    key: 'nlp_engineer',
    titles: [['Engenheiro de NLP', 'Cientista de Dados NLP', 'NLP Engineer'], ['Ingeniero de NLP', 'Científico de Datos NLP'], ['NLP Engineer', 'NLP Scientist']],
    objects: [
      ['classificadores de texto em português', 'clasificadores de texto en español', 'text classifiers'],
      ['modelos de extração de entidades', 'modelos de extracción de entidades', 'named entity extraction models'],
      ['a busca semântica em documentos', 'la búsqueda semántica en documentos', 'semantic search over documents'],
      ['modelos de análise de sentimento', 'modelos de análisis de sentimiento', 'sentiment analysis models'],
      ['corpora anotados e guias de anotação', 'corpus anotados y guías de anotación', 'annotated corpora and annotation guidelines'],
      ['modelos de transcrição e sumarização', 'modelos de transcripción y resumen', 'transcription and summarization models'],
    ],
    goals: [['entender o que nossos clientes escrevem', 'entender lo que escriben nuestros clientes', 'understand what our customers write'], ['automatizar a leitura de documentos', 'automatizar la lectura de documentos', 'automate document reading']],
    specialisations: [['Documentos', 'Documentos', 'Documents'], ['Busca', 'Búsqueda', 'Search'], ['Conversacional', 'Conversacional', 'Conversational']],
    skills: ['Python', 'spaCy', 'Hugging Face', 'PyTorch', 'transformers', 'NLTK', 'Elasticsearch', 'SQL', 'scikit-learn', 'LLM'],
  },
  {
    key: 'cv_engineer',
    titles: [['Engenheiro de Visão Computacional', 'Computer Vision Engineer'], ['Ingeniero de Visión por Computadora', 'Computer Vision Engineer'], ['Computer Vision Engineer', 'Computer Vision Scientist']],
    objects: [
      ['modelos de detecção de objetos', 'modelos de detección de objetos', 'object detection models'],
      ['a análise de imagens de satélite', 'el análisis de imágenes satelitales', 'satellite imagery analysis'],
      ['modelos de OCR para documentos', 'modelos de OCR para documentos', 'OCR models for documents'],
      ['pipelines de anotação de imagens', 'pipelines de anotación de imágenes', 'image annotation pipelines'],
      ['inferência em dispositivos de borda', 'inferencia en dispositivos de borde', 'inference on edge devices'],
      ['modelos de segmentação', 'modelos de segmentación', 'segmentation models'],
    ],
    goals: [['ensinar nossas câmeras a enxergar', 'enseñar a nuestras cámaras a ver', 'teach our cameras to see'], ['automatizar inspeções visuais', 'automatizar inspecciones visuales', 'automate visual inspections']],
    specialisations: [['Agro', 'Agro', 'Agriculture'], ['Varejo', 'Retail', 'Retail'], ['Edge', 'Edge', 'Edge']],
    skills: ['Python', 'OpenCV', 'PyTorch', 'YOLO', 'TensorFlow', 'C++', 'CUDA', 'Docker', 'ONNX', 'TensorRT'],
  },
  {
    key: 'research_scientist',
    titles: [['Pesquisador em IA', 'Pesquisadora em Machine Learning', 'Research Scientist'], ['Investigador en IA', 'Research Scientist'], ['Research Scientist', 'Applied Scientist', 'Machine Learning Researcher']],
    objects: [
      ['novas arquiteturas de modelos', 'nuevas arquitecturas de modelos', 'new model architectures'],
      ['protótipos a partir de artigos recentes', 'prototipos a partir de papers recientes', 'prototypes from recent papers'],
      ['experimentos de aprendizado por reforço', 'experimentos de aprendizaje por refuerzo', 'reinforcement learning experiments'],
      ['benchmarks internos de modelos', 'benchmarks internos de modelos', 'internal model benchmarks'],
      ['publicações e patentes do time', 'publicaciones y patentes del equipo', 'the team’s publications and patents'],
    ],
    goals: [['avançar o estado da arte no nosso domínio', 'avanzar el estado del arte en nuestro dominio', 'push the state of the art in our domain'], ['transformar pesquisa em produto', 'transformar investigación en producto', 'turn research into product']],
    specialisations: [['NLP', 'NLP', 'NLP'], ['Reinforcement Learning', 'Reinforcement Learning', 'Reinforcement Learning'], ['Visão', 'Visión', 'Vision']],
    skills: ['Python', 'PyTorch', 'JAX', 'deep learning', 'reinforcement learning', 'CUDA', 'statistics', 'LaTeX'],
  },
  {
    key: 'data_architect',
    titles: [['Arquiteto de Dados', 'Arquiteta de Dados', 'Data Architect'], ['Arquitecto de Datos', 'Data Architect'], ['Data Architect', 'Cloud Data Architect']],
    objects: [
      ['a arquitetura de referência de dados', 'la arquitectura de referencia de datos', 'the reference data architecture'],
      ['padrões de integração entre domínios', 'patrones de integración entre dominios', 'integration patterns between domains'],
      ['a adoção de data mesh', 'la adopción de data mesh', 'the data mesh adoption'],
      ['políticas de segurança e acesso a dados', 'políticas de seguridad y acceso a datos', 'data security and access policies'],
      ['a estratégia de lakehouse', 'la estrategia de lakehouse', 'the lakehouse strategy'],
      ['custos e capacidade das plataformas', 'costos y capacidad de las plataformas', 'platform cost and capacity'],
    ],
    goals: [['desenhar a próxima geração da nossa plataforma', 'diseñar la próxima generación de nuestra plataforma', 'design the next generation of our platform']],
    specialisations: [['Cloud', 'Cloud', 'Cloud'], ['Azure', 'Azure', 'Azure'], ['Lakehouse', 'Lakehouse', 'Lakehouse']],
    skills: ['Azure', 'AWS', 'GCP', 'Databricks', 'Snowflake', 'Kafka', 'SQL', 'data modeling', 'Terraform', 'Data Mesh'],
  },
  {
    key: 'database_engineer',
    titles: [['DBA', 'Administrador de Banco de Dados', 'Engenheiro de Banco de Dados'], ['DBA', 'Administrador de Bases de Datos'], ['Database Engineer', 'Database Administrator', 'DBA']],
    objects: [
      ['a performance de bancos PostgreSQL', 'el rendimiento de bases PostgreSQL', 'PostgreSQL performance'],
      ['rotinas de backup e recuperação', 'rutinas de backup y recuperación', 'backup and recovery routines'],
      ['a replicação e alta disponibilidade', 'la replicación y alta disponibilidad', 'replication and high availability'],
      ['migrações de schema sem indisponibilidade', 'migraciones de esquema sin caídas', 'zero-downtime schema migrations'],
      ['a revisão de queries lentas', 'la revisión de consultas lentas', 'slow query reviews'],
    ],
    goals: [['manter nossos bancos rápidos e seguros', 'mantener nuestras bases rápidas y seguras', 'keep our databases fast and safe']],
    specialisations: [['PostgreSQL', 'PostgreSQL', 'PostgreSQL'], ['Oracle', 'Oracle', 'Oracle'], ['SQL Server', 'SQL Server', 'SQL Server']],
    skills: ['PostgreSQL', 'MySQL', 'Oracle', 'SQL Server', 'MongoDB', 'Redis', 'Linux', 'AWS RDS', 'Bash'],
  },
  {
    key: 'data_product_manager',
    titles: [['Product Manager de Dados', 'Gerente de Produto de Dados', 'Data Product Manager'], ['Product Manager de Datos', 'Data Product Manager'], ['Data Product Manager', 'Product Manager, AI']],
    objects: [
      ['o roadmap de produtos de dados', 'el roadmap de productos de datos', 'the data products roadmap'],
      ['a descoberta de problemas com usuários internos', 'el descubrimiento de problemas con usuarios internos', 'problem discovery with internal users'],
      ['métricas de adoção dos modelos', 'métricas de adopción de los modelos', 'model adoption metrics'],
      ['a priorização do backlog com engenharia', 'la priorización del backlog con ingeniería', 'backlog prioritization with engineering'],
      ['lançamentos de funcionalidades com IA', 'lanzamientos de funcionalidades con IA', 'launches of AI features'],
    ],
    goals: [['transformar dados em produtos', 'transformar datos en productos', 'turn data into products']],
    specialisations: [['IA', 'IA', 'AI'], ['Plataforma', 'Plataforma', 'Platform']],
    skills: ['SQL', 'product discovery', 'Jira', 'A/B testing', 'Amplitude', 'Python', 'roadmapping'],
  },
  {
    key: 'quant_analyst',
    titles: [['Analista Quantitativo', 'Quant', 'Analista de Risco Quantitativo'], ['Analista Cuantitativo', 'Quant'], ['Quantitative Analyst', 'Quant Researcher']],
    objects: [
      ['modelos de precificação de ativos', 'modelos de valuación de activos', 'asset pricing models'],
      ['backtests de estratégias', 'backtests de estrategias', 'strategy backtests'],
      ['modelos de risco de mercado', 'modelos de riesgo de mercado', 'market risk models'],
      ['a calibração de curvas de juros', 'la calibración de curvas de tasas', 'interest rate curve calibration'],
      ['relatórios de risco para o comitê', 'reportes de riesgo para el comité', 'risk reports for the committee'],
    ],
    goals: [['apoiar a mesa com modelos robustos', 'apoyar a la mesa con modelos robustos', 'support the desk with robust models']],
    specialisations: [['Risco', 'Riesgo', 'Risk'], ['Renda Fixa', 'Renta Fija', 'Fixed Income'], ['Cripto', 'Cripto', 'Crypto']],
    skills: ['Python', 'R', 'C++', 'statistics', 'time series', 'SQL', 'pandas', 'NumPy', 'Matlab'],
  },
  {
    key: 'data_governance',
    titles: [['Analista de Governança de Dados', 'Especialista em Governança de Dados', 'Data Steward'], ['Analista de Gobierno de Datos', 'Data Steward'], ['Data Governance Analyst', 'Data Steward']],
    objects: [
      ['o glossário de negócios', 'el glosario de negocio', 'the business glossary'],
      ['a classificação de dados pessoais segundo a LGPD', 'la clasificación de datos personales', 'personal data classification'],
      ['regras de qualidade por domínio', 'reglas de calidad por dominio', 'data quality rules per domain'],
      ['o inventário de fontes e responsáveis', 'el inventario de fuentes y responsables', 'the inventory of sources and owners'],
      ['fluxos de aprovação de acesso', 'flujos de aprobación de acceso', 'access approval workflows'],
    ],
    goals: [['dar segurança e clareza ao uso de dados', 'dar seguridad y claridad al uso de datos', 'make data use safe and clear']],
    specialisations: [['LGPD', 'Privacidad', 'Privacy'], ['Qualidade', 'Calidad', 'Quality']],
    skills: ['Collibra', 'SQL', 'Purview', 'DataHub', 'Excel', 'LGPD', 'data quality', 'Power BI'],
  },
  {
    key: 'python_backend',
    titles: [['Desenvolvedor Python', 'Desenvolvedora Back-end Python', 'Engenheiro de Software Python'], ['Desarrollador Python', 'Desarrollador Backend Python'], ['Python Developer', 'Backend Engineer (Python)', 'Software Engineer, Data']],
    objects: [
      ['APIs REST para produtos de dados', 'APIs REST para productos de datos', 'REST APIs for data products'],
      ['integrações com parceiros via filas', 'integraciones con socios mediante colas', 'partner integrations over queues'],
      ['serviços assíncronos de processamento', 'servicios asíncronos de procesamiento', 'asynchronous processing services'],
      ['testes automatizados e revisão de código', 'pruebas automatizadas y revisión de código', 'automated tests and code review'],
      ['a modelagem de bancos relacionais', 'el modelado de bases relacionales', 'relational database modelling'],
      ['scrapers e coletores de dados', 'scrapers y recolectores de datos', 'scrapers and data collectors'],
    ],
    goals: [['dar suporte de engenharia aos times de dados', 'dar soporte de ingeniería a los equipos de datos', 'support the data teams with solid engineering']],
    specialisations: [['Django', 'Django', 'Django'], ['FastAPI', 'FastAPI', 'FastAPI'], ['Dados', 'Datos', 'Data']],
    skills: ['Python', 'Django', 'FastAPI', 'PostgreSQL', 'Docker', 'Celery', 'RabbitMQ', 'Redis', 'AWS', 'pytest', 'Git'],
  },
  {
    key: 'data_leadership',
    titles: [['Head de Dados', 'Gerente de Dados', 'Coordenador de Ciência de Dados'], ['Head de Datos', 'Gerente de Datos', 'Líder de Ciencia de Datos'], ['Head of Data', 'Data Science Manager', 'Engineering Manager, Data']],
    objects: [
      ['a estratégia de dados da companhia', 'la estrategia de datos de la compañía', 'the company data strategy'],
      ['o desenvolvimento de um time de quinze pessoas', 'el desarrollo de un equipo de quince personas', 'the growth of a fifteen-person team'],
      ['o orçamento e os fornecedores de dados', 'el presupuesto y los proveedores de datos', 'the data budget and vendors'],
      ['rituais de planejamento e OKRs', 'rituales de planificación y OKRs', 'planning rituals and OKRs'],
      ['a contratação de novas pessoas', 'la contratación de nuevas personas', 'hiring new people'],
    ],
    goals: [['liderar nossa transformação orientada a dados', 'liderar nuestra transformación basada en datos', 'lead our data-driven transformation']],
    specialisations: [['Analytics', 'Analytics', 'Analytics'], ['IA', 'IA', 'AI']],
    skills: ['leadership', 'SQL', 'Python', 'stakeholder management', 'OKRs', 'data strategy', 'cloud'],
  },
  {
    key: 'statistician',
    titles: [['Estatístico', 'Estatística', 'Analista Estatístico'], ['Estadístico', 'Estadística', 'Analista Estadístico'], ['Statistician', 'Biostatistician']],
    objects: [
      ['planos amostrais de pesquisas', 'diseños muestrales de encuestas', 'survey sampling plans'],
      ['modelos de regressão e sobrevivência', 'modelos de regresión y supervivencia', 'regression and survival models'],
      ['análises de estudos clínicos', 'análisis de estudios clínicos', 'clinical study analyses'],
      ['pesos e ajustes de amostras', 'ponderaciones y ajustes de muestras', 'sample weights and adjustments'],
      ['relatórios técnicos para reguladores', 'informes técnicos para reguladores', 'technical reports for regulators'],
    ],
    goals: [['dar rigor estatístico às nossas decisões', 'dar rigor estadístico a nuestras decisiones', 'bring statistical rigour to our decisions']],
    specialisations: [['Saúde', 'Salud', 'Health'], ['Pesquisas', 'Encuestas', 'Surveys']],
    skills: ['R', 'SAS', 'Python', 'Stata', 'SQL', 'statistics', 'survival analysis', 'SPSS'],
  },
];

export const VERBS: readonly Tri[] = [
  ['Construir', 'Construir', 'Build'], ['Manter', 'Mantener', 'Maintain'], ['Projetar', 'Diseñar', 'Design'], ['Evoluir', 'Evolucionar', 'Evolve'],
  ['Monitorar', 'Monitorear', 'Monitor'], ['Automatizar', 'Automatizar', 'Automate'], ['Documentar', 'Documentar', 'Document'], ['Otimizar', 'Optimizar', 'Optimize'],
  ['Liderar a construção de', 'Liderar la construcción de', 'Lead the build-out of'], ['Revisar', 'Revisar', 'Review'], ['Implantar', 'Implementar', 'Roll out'],
  ['Escalar', 'Escalar', 'Scale'], ['Testar e validar', 'Probar y validar', 'Test and validate'], ['Modernizar', 'Modernizar', 'Modernize'],
  ['Apoiar a evolução de', 'Apoyar la evolución de', 'Support the evolution of'], ['Ser responsável por', 'Ser responsable de', 'Own'],
  ['Colaborar na definição de', 'Colaborar en la definición de', 'Help define'], ['Prototipar', 'Prototipar', 'Prototype'],
];

export const PURPOSES: readonly Tri[] = [
  ['para o time de {d}', 'para el equipo de {d}', 'for the {d} team'],
  ['que apoiam decisões de {d}', 'que apoyan decisiones de {d}', 'that support {d} decisions'],
  ['junto com as áreas de {d} e produto', 'junto a las áreas de {d} y producto', 'together with the {d} and product teams'],
  ['em um ambiente de alto volume', 'en un entorno de alto volumen', 'in a high-volume environment'],
  ['com foco em qualidade e confiabilidade', 'con foco en calidad y confiabilidad', 'with a focus on quality and reliability'],
  ['usando {tool}', 'usando {tool}', 'using {tool}'],
  ['na nuvem ({cloud})', 'en la nube ({cloud})', 'on {cloud}'],
  ['para milhões de clientes', 'para millones de clientes', 'serving millions of customers'],
  ['de ponta a ponta', 'de punta a punta', 'end to end'],
  ['em parceria com engenharia de software', 'en conjunto con ingeniería de software', 'in partnership with software engineering'],
  ['seguindo boas práticas de {practice}', 'siguiendo buenas prácticas de {practice}', 'following {practice} best practices'],
  ['reduzindo custos de infraestrutura', 'reduciendo costos de infraestructura', 'while keeping infrastructure costs down'],
  ['em {n} países da região', 'en {n} países de la región', 'across {n} countries in the region'],
  ['com metas claras de latência', 'con metas claras de latencia', 'with clear latency targets'],
  ['junto com o time de {d}', 'junto con el equipo de {d}', 'alongside the {d} team'],
  ['para a expansão regional', 'para la expansión regional', 'for our regional expansion'],
  ['com entregas quinzenais', 'con entregas quincenales', 'in two-week increments'],
  ['com apoio de {tool}', 'con apoyo de {tool}', 'with the help of {tool}'],
  ['antes do fim do trimestre', 'antes del fin del trimestre', 'before the end of the quarter'],
  ['para clientes corporativos', 'para clientes corporativos', 'for enterprise customers'],
  ['com autonomia e responsabilidade', 'con autonomía y responsabilidad', 'with autonomy and ownership'],
  ['em um time multidisciplinar', 'en un equipo multidisciplinario', 'in a cross-functional team'],
  ['medindo o impacto em {d}', 'midiendo el impacto en {d}', 'measuring the impact on {d}'],
  ['', '', ''],
  ['', '', ''],
];

/** Work every role family does; duties draw from these as well as from the family's own objects. */
export const GENERIC_OBJECTS: readonly Tri[] = [
  ['a documentação técnica do time', 'la documentación técnica del equipo', 'the team’s technical documentation'],
  ['rituais de code review', 'rituales de code review', 'code review rituals'],
  ['o onboarding de novas pessoas no time', 'el onboarding de nuevas personas en el equipo', 'onboarding for new teammates'],
  ['a comunicação de resultados com stakeholders', 'la comunicación de resultados con stakeholders', 'how results are communicated to stakeholders'],
  ['o planejamento trimestral do time', 'la planificación trimestral del equipo', 'the team’s quarterly planning'],
  ['provas de conceito com novas ferramentas', 'pruebas de concepto con nuevas herramientas', 'proofs of concept with new tools'],
  ['o controle de custos de nuvem', 'el control de costos de nube', 'cloud cost control'],
  ['a priorização de demandas das áreas parceiras', 'la priorización de pedidos de las áreas socias', 'the prioritization of requests from partner teams'],
  ['playbooks de resposta a incidentes', 'playbooks de respuesta a incidentes', 'incident response playbooks'],
  ['a mentoria de pessoas mais juniores', 'la mentoría de personas más junior', 'mentoring for more junior colleagues'],
  ['a padronização de repositórios e templates', 'la estandarización de repositorios y plantillas', 'repository and template standards'],
  ['integrações com sistemas legados', 'integraciones con sistemas heredados', 'integrations with legacy systems'],
  ['a segurança e o controle de acessos', 'la seguridad y el control de accesos', 'security and access control'],
  ['indicadores de desempenho do próprio time', 'indicadores de desempeño del propio equipo', 'the team’s own performance indicators'],
  ['a gestão de dependências entre projetos', 'la gestión de dependencias entre proyectos', 'dependency management across projects'],
  ['apresentações para a diretoria executiva', 'presentaciones para la dirección ejecutiva', 'presentations for the executive team'],
  ['o levantamento de necessidades com clientes internos', 'el relevamiento de necesidades con clientes internos', 'needs assessments with internal customers'],
  ['a revisão de contratos com fornecedores de tecnologia', 'la revisión de contratos con proveedores de tecnología', 'reviews of contracts with technology vendors'],
  ['a automação de tarefas manuais repetitivas', 'la automatización de tareas manuales repetitivas', 'the automation of repetitive manual work'],
  ['a estratégia de testes do time', 'la estrategia de pruebas del equipo', 'the team’s testing strategy'],
  ['o acompanhamento de SLAs com as áreas clientes', 'el seguimiento de SLAs con las áreas cliente', 'SLA tracking with client teams'],
  ['a migração de processos para a nuvem', 'la migración de procesos a la nube', 'moving processes to the cloud'],
  ['workshops de capacitação para outras áreas', 'talleres de capacitación para otras áreas', 'training workshops for other teams'],
  ['o backlog técnico e a dívida técnica', 'el backlog técnico y la deuda técnica', 'the technical backlog and tech debt'],
  ['a avaliação de fornecedores e ferramentas', 'la evaluación de proveedores y herramientas', 'vendor and tool evaluations'],
  ['relatórios de auditoria e conformidade', 'informes de auditoría y cumplimiento', 'audit and compliance reports'],
  ['a transição de projetos entre times', 'la transición de proyectos entre equipos', 'project handovers between teams'],
  ['o roadmap técnico do próximo semestre', 'el roadmap técnico del próximo semestre', 'the technical roadmap for next half'],
  ['a qualidade das entregas em produção', 'la calidad de las entregas en producción', 'the quality of what ships to production'],
  ['a cultura de experimentação da empresa', 'la cultura de experimentación de la empresa', 'the company’s experimentation culture'],
];

/** What the team is about to do: one sentence per job, so two openings of one role at one company differ. */
export const PROJECTS: readonly Tri[] = [
  ['Nosso próximo grande projeto é {p}.', 'Nuestro próximo gran proyecto es {p}.', 'Our next big project is {p}.'],
  ['Neste semestre o time está focado em {p}.', 'Este semestre el equipo está enfocado en {p}.', 'This half the team is focused on {p}.'],
  ['Você chega em um momento importante: {p}.', 'Llegas en un momento importante: {p}.', 'You join at an important moment: {p}.'],
  ['Entre os desafios do primeiro ano está {p}.', 'Entre los desafíos del primer año está {p}.', 'Among the first-year challenges is {p}.'],
];

export const PROJECT_TOPICS: readonly Tri[] = [
  ['a expansão para o México', 'la expansión a México', 'the expansion into Mexico'], ['a expansão para a Colômbia', 'la expansión a Colombia', 'the expansion into Colombia'],
  ['o lançamento de um novo produto de crédito', 'el lanzamiento de un nuevo producto de crédito', 'launching a new credit product'],
  ['a troca do nosso data warehouse', 'el cambio de nuestro data warehouse', 'replacing our data warehouse'], ['a integração de uma empresa adquirida', 'la integración de una empresa adquirida', 'integrating an acquired company'],
  ['a personalização do aplicativo', 'la personalización de la aplicación', 'personalizing the app'], ['a redução do tempo de entrega', 'la reducción del tiempo de entrega', 'cutting delivery times'],
  ['a automação do atendimento', 'la automatización de la atención', 'automating customer support'], ['a nova plataforma de parceiros', 'la nueva plataforma de socios', 'the new partner platform'],
  ['a certificação ISO 27001', 'la certificación ISO 27001', 'the ISO 27001 certification'], ['a abertura de capital da empresa', 'la salida a bolsa de la empresa', 'the company IPO'],
  ['o novo motor de preços', 'el nuevo motor de precios', 'the new pricing engine'], ['a migração para microsserviços', 'la migración a microservicios', 'the move to microservices'],
  ['o programa de fidelidade', 'el programa de fidelidad', 'the loyalty programme'], ['a adoção de IA generativa no atendimento', 'la adopción de IA generativa en la atención', 'bringing generative AI into support'],
  ['a unificação dos cadastros de clientes', 'la unificación de los registros de clientes', 'unifying customer records'], ['o novo aplicativo para lojistas', 'la nueva app para comercios', 'the new merchant app'],
  ['a entrada no mercado de seguros', 'la entrada al mercado de seguros', 'entering the insurance market'], ['a reformulação do onboarding de clientes', 'el rediseño del onboarding de clientes', 'redesigning customer onboarding'],
  ['a previsão de demanda para o Natal', 'el pronóstico de demanda para Navidad', 'forecasting holiday demand'], ['a detecção de fraudes em tempo real', 'la detección de fraude en tiempo real', 'real-time fraud detection'],
  ['a descontinuação do sistema legado', 'la baja del sistema heredado', 'retiring the legacy system'], ['o novo centro de distribuição', 'el nuevo centro de distribución', 'the new distribution centre'],
  ['o marketplace B2B', 'el marketplace B2B', 'the B2B marketplace'],
];

export const DOMAINS: readonly Tri[] = [
  ['crédito', 'crédito', 'credit'], ['marketing', 'marketing', 'marketing'], ['logística', 'logística', 'logistics'], ['fraude', 'fraude', 'fraud'],
  ['pricing', 'pricing', 'pricing'], ['risco', 'riesgo', 'risk'], ['vendas', 'ventas', 'sales'], ['atendimento', 'atención al cliente', 'customer support'],
  ['operações', 'operaciones', 'operations'], ['finanças', 'finanzas', 'finance'], ['pessoas', 'personas', 'people'], ['supply chain', 'supply chain', 'supply chain'],
  ['produto', 'producto', 'product'], ['growth', 'growth', 'growth'], ['cobrança', 'cobranza', 'collections'], ['seguros', 'seguros', 'insurance'],
  ['saúde', 'salud', 'health'], ['educação', 'educación', 'education'], ['pagamentos', 'pagos', 'payments'], ['varejo', 'retail', 'retail'],
];

export const PRACTICES: readonly Tri[] = [
  ['engenharia de software', 'ingeniería de software', 'software engineering'], ['observabilidade', 'observabilidad', 'observability'],
  ['governança de dados', 'gobierno de datos', 'data governance'], ['segurança', 'seguridad', 'security'], ['versionamento', 'versionado', 'versioning'],
  ['testes automatizados', 'pruebas automatizadas', 'automated testing'],
];

export const CLOUDS = ['AWS', 'GCP', 'Azure', 'Oracle Cloud'] as const;

export const ROLE_INTROS: readonly Tri[] = [
  ['Estamos buscando uma pessoa {title} para {goal}.', 'Buscamos una persona {title} para {goal}.', 'We are looking for a {title} to {goal}.'],
  ['Procuramos {title} para {goal}.', 'Estamos en la búsqueda de {title} para {goal}.', 'We are hiring a {title} to {goal}.'],
  ['Nosso time de {d} está crescendo e precisamos de alguém para {goal}.', 'Nuestro equipo de {d} está creciendo y necesitamos a alguien para {goal}.', 'Our {d} team is growing and we need someone to {goal}.'],
  ['Esta vaga é para {goal}, reportando à liderança de {d}.', 'Esta posición es para {goal}, reportando al liderazgo de {d}.', 'This role exists to {goal}, reporting to the head of {d}.'],
  ['Se você quer {goal}, esta vaga é para você.', 'Si quieres {goal}, esta posición es para ti.', 'If you want to {goal}, this role is for you.'],
  ['A pessoa {title} vai {goal} em um time de {n} pessoas.', 'La persona {title} va a {goal} en un equipo de {n} personas.', 'As a {title} you will {goal} in a team of {n} people.'],
];

export const REQUIREMENTS: readonly Tri[] = [
  ['Experiência sólida com {a} e {b}.|Domínio de {a} e {b}.|Bons conhecimentos de {a} e {b}.', 'Experiencia sólida con {a} y {b}.|Dominio de {a} y {b}.|Buenos conocimientos de {a} y {b}.', 'Solid experience with {a} and {b}.|Strong {a} and {b} skills.|Good working knowledge of {a} and {b}.'],
  ['Domínio de {a}.', 'Dominio de {a}.', 'Strong command of {a}.'],
  ['Vivência com {a} em produção.', 'Experiencia con {a} en producción.', 'Hands-on experience running {a} in production.'],
  ['Conhecimento de {a}, {b} ou ferramentas similares.', 'Conocimiento de {a}, {b} o herramientas similares.', 'Knowledge of {a}, {b} or similar tools.'],
  ['Familiaridade com {a}.', 'Familiaridad con {a}.', 'Familiarity with {a}.'],
  ['Experiência prática com {a} em projetos reais.', 'Experiencia práctica con {a} en proyectos reales.', 'Practical experience with {a} on real projects.'],
  [
    'Capacidade de explicar resultados técnicos para áreas de negócio.|Facilidade para traduzir análises em recomendações para o negócio.|Saber contar a história por trás dos números para públicos não técnicos.',
    'Capacidad de explicar resultados técnicos a las áreas de negocio.|Facilidad para traducir análisis en recomendaciones de negocio.|Saber contar la historia detrás de los números a públicos no técnicos.',
    'Ability to explain technical results to business teams.|Comfortable turning analysis into business recommendations.|Able to tell the story behind the numbers to non-technical audiences.',
  ],
  ['Experiência com metodologias ágeis (Scrum ou Kanban).|Vivência em times ágeis.|Conforto com rituais ágeis como dailies e retrospectivas.', 'Experiencia con metodologías ágiles (Scrum o Kanban).|Experiencia en equipos ágiles.|Comodidad con rituales ágiles como dailies y retrospectivas.', 'Experience with agile methods (Scrum or Kanban).|Used to working in agile teams.|At ease with agile rituals such as stand-ups and retros.'],
  ['Boa comunicação escrita e autonomia para trabalho remoto.|Autonomia e boa comunicação assíncrona.|Organização para trabalhar de forma remota e assíncrona.', 'Buena comunicación escrita y autonomía para el trabajo remoto.|Autonomía y buena comunicación asíncrona.|Organización para trabajar de forma remota y asíncrona.', 'Clear written communication and autonomy for remote work.|Self-directed, with good async communication.|Organized enough to work remotely and asynchronously.'],
  ['Formação em {field} ou áreas relacionadas.|Graduação em {field} ou afins.|Formação superior em {field}, ou experiência equivalente.', 'Formación en {field} o áreas afines.|Título en {field} o afines.|Título universitario en {field}, o experiencia equivalente.', 'A degree in {field} or a related field.|BSc in {field} or similar.|A degree in {field}, or equivalent experience.'],
  ['Inglês {level} para reuniões com o time global.|Inglês {level}.|Comunicação em inglês em nível {level}.', 'Inglés {level} para reuniones con el equipo global.|Inglés {level}.|Comunicación en inglés a nivel {level}.', '{level} English for meetings with the global team.|{level} English.|{level} command of English.'],
  ['Experiência com versionamento de código em Git.|Uso de Git no dia a dia.|Boas práticas de versionamento e revisão de código.', 'Experiencia con versionado de código en Git.|Uso de Git en el día a día.|Buenas prácticas de versionado y revisión de código.', 'Experience with version control in Git.|Daily use of Git.|Good habits around version control and code review.'],
  ['Vontade de aprender e compartilhar conhecimento.|Curiosidade e vontade de crescer.|Gosto por ensinar e aprender com o time.', 'Ganas de aprender y compartir conocimiento.|Curiosidad y ganas de crecer.|Gusto por enseñar y aprender con el equipo.', 'Eagerness to learn and share knowledge.|Curiosity and a drive to grow.|You enjoy teaching and learning from the team.'],
];

export const NICE_TO_HAVE: readonly Tri[] = [
  ['Conhecimento de {a}.', 'Conocimiento de {a}.', 'Knowledge of {a}.'],
  ['Experiência prévia com {d}.', 'Experiencia previa en {d}.', 'Previous experience in {d}.'],
  ['Certificações em {cloud}.', 'Certificaciones en {cloud}.', '{cloud} certifications.'],
  ['Contribuições para projetos open source.', 'Contribuciones a proyectos open source.', 'Open source contributions.'],
  ['Espanhol intermediário.', 'Portugués intermedio.', 'Intermediate Spanish or Portuguese.'],
  ['Mestrado ou doutorado em {field}.', 'Maestría o doctorado en {field}.', 'A master’s or PhD in {field}.'],
];

export const YEARS_LINE: Tri = [
  'Pelo menos {y} anos de experiência na área.|{y}+ anos trabalhando com dados.|Experiência prévia de {y} anos ou mais em funções semelhantes.|Trajetória de pelo menos {y} anos no mercado.|Você já atua há {y} anos ou mais nesta área.',
  'Al menos {y} años de experiencia en el área.|{y}+ años trabajando con datos.|Experiencia previa de {y} años o más en roles similares.|Trayectoria de al menos {y} años en el mercado.|Ya trabajas hace {y} años o más en esta área.',
  'At least {y} years of experience in the field.|{y}+ years working with data.|{y} or more years in a similar role.|A track record of at least {y} years in industry.|You have been doing this work for {y}+ years.',
];

export const FIELDS: readonly Tri[] = [
  ['Ciência da Computação', 'Ciencias de la Computación', 'Computer Science'], ['Estatística', 'Estadística', 'Statistics'], ['Engenharia', 'Ingeniería', 'Engineering'],
  ['Matemática', 'Matemáticas', 'Mathematics'], ['Economia', 'Economía', 'Economics'], ['Física', 'Física', 'Physics'], ['Sistemas de Informação', 'Sistemas de Información', 'Information Systems'],
];

export const ENGLISH_LEVELS: readonly Tri[] = [['intermediário', 'intermedio', 'Intermediate'], ['avançado', 'avanzado', 'Advanced'], ['fluente', 'fluido', 'Fluent']];

/** Benefits; `n` is the range a company's figure is drawn from, where the text has one. */
export const BENEFITS: readonly { text: Tri; n?: readonly [number, number] }[] = [
  { text: ['Plano de saúde e odontológico|Assistência médica e odontológica|Plano de saúde sem coparticipação', 'Seguro médico y dental|Cobertura médica y odontológica|Prepaga sin copago', 'Health and dental insurance|Medical and dental cover|Health plan with no co-pay'] },
  { text: ['Vale-refeição de R$ {n}/dia|VR ou VA de R$ {n} por dia|Alimentação: R$ {n} por dia', 'Vales de comida de {n} pesos por día|Tarjeta de alimentación ({n} al día)|Comida: {n} pesos diarios', 'Meal allowance of {n} per day|Food card ({n} a day)|Daily meal budget of {n}'], n: [25, 60] },
  { text: ['Auxílio home office de R$ {n}/mês|Ajuda de custo de R$ {n} para home office|R$ {n} mensais para sua estrutura em casa', 'Bono de home office de USD {n} al mes|Apoyo de USD {n} para tu oficina en casa|USD {n} mensuales para tu espacio de trabajo', 'Home office stipend of USD {n} a month|USD {n} monthly for your home setup|Remote work allowance (USD {n}/month)'], n: [100, 400] },
  { text: ['Participação nos lucros (PLR)|PLR semestral|Programa de participação nos resultados', 'Participación en las utilidades|Bono por resultados semestral|Reparto de utilidades', 'Profit sharing|Twice-yearly profit share|Results-based bonus scheme'] },
  { text: ['Auxílio educação de até R$ {n}/mês|Bolsa de estudos de até R$ {n}|R$ {n} por mês para cursos', 'Presupuesto de educación de hasta USD {n} al mes|Beca de estudios de hasta USD {n}|USD {n} al mes para cursos', 'Learning budget of up to USD {n} a month|Education grant up to USD {n}|USD {n} a month for courses'], n: [200, 1000] },
  { text: ['Notebook e monitor fornecidos|Equipamento de trabalho completo|Kit de boas-vindas com notebook', 'Laptop y monitor provistos|Equipo de trabajo completo|Kit de bienvenida con laptop', 'Laptop and monitor provided|Full work equipment|Welcome kit with a laptop'] },
  { text: ['Gympass ou TotalPass|Auxílio academia|Wellhub', 'Membresía de gimnasio|Apoyo para gimnasio|Wellhub', 'Gym membership|Fitness allowance|Wellhub'] },
  { text: ['Horário flexível|Day off no aniversário|Jornada flexível e folga no aniversário', 'Horario flexible|Día libre en tu cumpleaños|Jornada flexible y día libre en tu cumpleaños', 'Flexible hours|Your birthday off|Flexible schedule and a day off on your birthday'] },
  { text: ['Licença parental de {n} dias|Licenças maternidade e paternidade estendidas ({n} dias)|{n} dias de licença parental', 'Licencia parental de {n} días|Licencias extendidas de maternidad y paternidad ({n} días)|{n} días de licencia parental', 'Parental leave of {n} days|Extended parental leave ({n} days)|{n} days of parental leave'], n: [60, 180] },
  { text: ['Stock options|Plano de ações para todo o time|Programa de stock options', 'Stock options|Plan de acciones para todo el equipo|Programa de stock options', 'Stock options|Equity for everyone|Stock option plan'] },
  { text: ['Seguro de vida|Seguro de vida em grupo|Seguro de vida pago pela empresa', 'Seguro de vida|Seguro de vida grupal|Seguro de vida pagado por la empresa', 'Life insurance|Group life insurance|Company-paid life insurance'] },
  { text: ['Apoio psicológico|Terapia online subsidiada|Programa de saúde mental', 'Apoyo psicológico|Terapia en línea subsidiada|Programa de salud mental', 'Mental health support|Subsidised online therapy|Mental health programme'] },
  { text: ['{n} dias de férias remuneradas|Férias de {n} dias|{n} dias de descanso remunerado por ano', '{n} días de vacaciones pagadas|Vacaciones de {n} días|{n} días de descanso pagado al año', '{n} days of paid vacation|{n} days off a year|{n} days of paid time off'], n: [20, 30] },
  { text: ['Bônus anual por desempenho|Bônus por metas|Remuneração variável anual', 'Bono anual por desempeño|Bono por objetivos|Compensación variable anual', 'Annual performance bonus|Bonus tied to goals|Yearly variable pay'] },
  { text: ['Encontros presenciais do time|Offsites semestrais|Viagens para encontros do time', 'Encuentros presenciales del equipo|Offsites semestrales|Viajes a encuentros del equipo', 'Team offsites|Offsites twice a year|Travel to team meetups'] },
  { text: ['Auxílio creche até {n} anos|Auxílio para filhos de até {n} anos|Apoio a famílias com crianças de até {n} anos', 'Apoyo de guardería hasta {n} años|Ayuda para hijos de hasta {n} años|Apoyo a familias con niños de hasta {n} años', 'Childcare support up to age {n}|Help with children up to {n}|Family support for kids up to {n}'], n: [3, 6] },
  { text: ['Aulas de inglês|Curso de idiomas pago|Plataforma de idiomas', 'Clases de inglés|Curso de idiomas pagado|Plataforma de idiomas', 'Language classes|Paid language course|Language learning platform'] },
  { text: ['Previdência privada|Previdência com contrapartida|Plano de previdência', 'Plan de pensiones|Aportes a retiro con contrapartida|Plan de retiro', 'Retirement plan|Pension with company match|401(k)-style plan'] },
  { text: ['Pagamento em dólar|Remuneração em USD|Pagamento internacional em dólar', 'Pago en dólares|Remuneración en USD|Pago internacional en dólares', 'Paid in US dollars|USD compensation|International payroll in USD'] },
  { text: ['Sextas-feiras curtas no verão|Meio período às sextas|Sextas mais curtas', 'Viernes cortos|Medio día los viernes|Viernes de verano', 'Summer Fridays|Half-day Fridays|Short Fridays'] },
  { text: ['Orçamento para conferências|Ingressos para eventos da área|Verba anual para eventos', 'Presupuesto para conferencias|Entradas a eventos del sector|Presupuesto anual para eventos', 'Conference budget|Tickets to industry events|Annual events budget'] },
  { text: ['Vale-transporte|Auxílio mobilidade|Estacionamento ou vale-transporte', 'Apoyo de transporte|Ayuda de movilidad|Estacionamiento o transporte', 'Commuter benefits|Mobility allowance|Parking or transit pass'] },
  { text: ['Plano de carreira|Avaliações semestrais e plano de carreira|Trilhas de carreira claras', 'Plan de carrera|Evaluaciones semestrales y plan de carrera|Rutas de carrera claras', 'Career framework|Reviews every six months|Clear career paths'] },
  { text: ['Auxílio internet de R$ {n}|R$ {n} para internet|Internet paga (R$ {n})', 'Apoyo de internet de USD {n}|USD {n} para internet|Internet pagada (USD {n})', 'Internet stipend of USD {n}|USD {n} for internet|Internet paid (USD {n})'], n: [50, 150] },
];

export const HIRING_STEPS: readonly Tri[] = [
  ['Etapas: conversa com RH, case técnico e entrevista com a liderança.', 'Etapas: charla con RR. HH., caso técnico y entrevista con el liderazgo.', 'Process: recruiter call, take-home case and a conversation with the hiring manager.'],
  ['Nosso processo tem três etapas e leva cerca de {n} dias.', 'Nuestro proceso tiene tres etapas y dura cerca de {n} días.', 'Our process has three steps and takes about {n} days.'],
  ['Todas as entrevistas são online.', 'Todas las entrevistas son en línea.', 'All interviews are remote.'],
  ['Haverá uma etapa de live coding em pares.', 'Habrá una etapa de live coding en pareja.', 'There is a pair-programming session.'],
  ['Responderemos a todas as candidaturas em até {n} dias.', 'Responderemos a todas las postulaciones en hasta {n} días.', 'We reply to every application within {n} days.'],
];

export const EEO: readonly Tri[] = [
  ['A {company} acredita na diversidade e incentiva candidaturas de pessoas de todos os gêneros, raças, idades, orientações e pessoas com deficiência.', 'En {company} creemos en la diversidad e incentivamos postulaciones de personas de todos los géneros, orígenes, edades y personas con discapacidad.', '{company} is an equal opportunity employer and welcomes applicants of every gender, ethnicity, age, orientation and ability.'],
  ['Todas as vagas da {company} são afirmativas para pessoas com deficiência.', 'Todas las vacantes de {company} están abiertas a personas con discapacidad.', 'All {company} roles are open to people with disabilities.'],
  ['Valorizamos ambientes diversos e inclusivos; não deixe de se candidatar se você não preenche todos os requisitos.', 'Valoramos entornos diversos e inclusivos; postúlate aunque no cumplas todos los requisitos.', 'We value diverse, inclusive teams; apply even if you do not tick every box.'],
  ['Na {company}, contratamos por talento e potencial, sem distinção de origem.', 'En {company} contratamos por talento y potencial, sin distinción de origen.', 'At {company} we hire for talent and potential, whatever your background.'],
];

export const CLOSINGS: readonly Tri[] = [
  ['Venha construir o futuro de {d} com a gente!', '¡Ven a construir el futuro de {d} con nosotros!', 'Come build the future of {d} with us!'],
  ['Ficou interessado? Candidate-se!', '¿Te interesa? ¡Postúlate!', 'Interested? Apply now!'],
  ['Esperamos por você.', 'Te esperamos.', 'We look forward to hearing from you.'],
  ['', '', ''],
];

export const HEADERS = {
  duties: [['O que você vai fazer:', 'Responsabilidades:', "What you'll do:"], ['Suas atividades:', 'Tus responsabilidades:', 'Responsibilities:'], ['No dia a dia você vai:', 'En el día a día vas a:', 'Day to day you will:']],
  requirements: [['O que buscamos:', 'Requisitos:', "What we're looking for:"], ['Requisitos e qualificações:', 'Lo que buscamos:', 'Requirements:'], ['Para esta vaga você precisa de:', 'Qué necesitas:', 'You have:']],
  nice: [['Diferenciais:', 'Deseable:', 'Nice to have:'], ['Será um diferencial:', 'Suma si tienes:', 'Bonus points:']],
  benefits: [['Benefícios:', 'Beneficios:', 'Benefits:'], ['O que oferecemos:', 'Qué ofrecemos:', 'What we offer:'], ['Nossos benefícios:', 'Nuestros beneficios:', 'Perks:']],
  about: [['Sobre nós', 'Sobre nosotros', 'About us'], ['Quem somos', 'Quiénes somos', 'Who we are']],
} as const satisfies Record<string, readonly Tri[]>;

export interface Sector {
  kind: Tri;
  missions: readonly Tri[];
  /** Index into DOMAINS of the sector's own domain. */
  domain: number;
}

export const SECTORS: readonly Sector[] = [
  { kind: ['fintech', 'fintech', 'fintech'], domain: 0, missions: [['ajuda pequenas empresas a organizar recebíveis e crédito', 'ayuda a pequeñas empresas a ordenar cobros y crédito', 'helps small businesses manage receivables and credit'], ['oferece conta digital e cartão sem anuidade', 'ofrece cuenta digital y tarjeta sin costo anual', 'offers a digital account and a fee-free card']] },
  { kind: ['healthtech', 'healthtech', 'healthtech'], domain: 16, missions: [['conecta pacientes a clínicas e laboratórios', 'conecta pacientes con clínicas y laboratorios', 'connects patients with clinics and labs'], ['reduz filas no atendimento de saúde', 'reduce las esperas en la atención de salud', 'cuts waiting times in healthcare']] },
  { kind: ['edtech', 'edtech', 'edtech'], domain: 17, missions: [['leva cursos de tecnologia a milhares de alunos', 'lleva cursos de tecnología a miles de estudiantes', 'brings tech courses to thousands of students'], ['ajuda escolas públicas a acompanhar o aprendizado', 'ayuda a escuelas públicas a seguir el aprendizaje', 'helps public schools track learning']] },
  { kind: ['agtech', 'agtech', 'agtech'], domain: 8, missions: [['monitora lavouras por satélite para cooperativas', 'monitorea cultivos por satélite para cooperativas', 'monitors crops by satellite for cooperatives'], ['prevê safras e otimiza o uso de insumos', 'predice cosechas y optimiza el uso de insumos', 'forecasts harvests and optimizes input use']] },
  { kind: ['insurtech', 'insurtech', 'insurtech'], domain: 15, missions: [['simplifica seguros de vida e saúde', 'simplifica los seguros de vida y salud', 'makes life and health insurance simple'], ['precifica seguros de automóvel com telemetria', 'tarifica seguros de auto con telemetría', 'prices car insurance with telematics']] },
  { kind: ['logtech', 'logtech', 'logistics tech company'], domain: 2, missions: [['otimiza rotas de entrega em grandes cidades', 'optimiza rutas de entrega en grandes ciudades', 'optimizes delivery routes in large cities'], ['conecta transportadoras e embarcadores', 'conecta transportistas y cargadores', 'connects carriers and shippers']] },
  { kind: ['empresa de varejo digital', 'empresa de retail digital', 'digital retailer'], domain: 19, missions: [['vende moda e casa para todo o país', 'vende moda y hogar en todo el país', 'sells fashion and homeware nationwide'], ['opera um marketplace com milhares de lojistas', 'opera un marketplace con miles de vendedores', 'runs a marketplace with thousands of sellers']] },
  { kind: ['consultoria de dados', 'consultora de datos', 'data consultancy'], domain: 12, missions: [['entrega projetos de dados e IA para grandes empresas', 'entrega proyectos de datos e IA para grandes empresas', 'delivers data and AI projects for large enterprises'], ['ajuda clientes a migrar para a nuvem', 'ayuda a clientes a migrar a la nube', 'helps clients move to the cloud']] },
  { kind: ['plataforma de pagamentos', 'plataforma de pagos', 'payments platform'], domain: 18, missions: [['processa pagamentos online para milhares de lojas', 'procesa pagos en línea para miles de tiendas', 'processes online payments for thousands of stores'], ['leva Pix e boletos para o comércio', 'lleva pagos instantáneos al comercio', 'brings instant payments to merchants']] },
  { kind: ['startup de mobilidade', 'startup de movilidad', 'mobility startup'], domain: 8, missions: [['conecta motoristas e passageiros', 'conecta conductores y pasajeros', 'connects drivers and riders'], ['aluga bicicletas e patinetes elétricos', 'alquila bicicletas y monopatines eléctricos', 'rents bikes and e-scooters']] },
  { kind: ['empresa de energia', 'empresa de energía', 'energy company'], domain: 8, missions: [['gera energia solar para pequenos negócios', 'genera energía solar para pequeños negocios', 'generates solar power for small businesses'], ['moderniza a rede de distribuição elétrica', 'moderniza la red de distribución eléctrica', 'modernizes the power distribution grid']] },
  { kind: ['empresa de software B2B', 'empresa de software B2B', 'B2B software company'], domain: 6, missions: [['automatiza a gestão financeira de empresas', 'automatiza la gestión financiera de empresas', 'automates finance operations for companies'], ['oferece um CRM para equipes de vendas', 'ofrece un CRM para equipos de ventas', 'offers a CRM for sales teams']] },
  { kind: ['proptech', 'proptech', 'proptech'], domain: 6, missions: [['facilita a compra e o aluguel de imóveis', 'facilita la compra y el alquiler de inmuebles', 'makes buying and renting homes easier']] },
  { kind: ['empresa de telecom', 'empresa de telecomunicaciones', 'telecom company'], domain: 7, missions: [['leva internet de fibra a cidades do interior', 'lleva internet de fibra a ciudades del interior', 'brings fibre internet to smaller cities']] },
  { kind: ['banco digital', 'banco digital', 'digital bank'], domain: 5, missions: [['atende milhões de clientes pelo aplicativo', 'atiende a millones de clientes desde la app', 'serves millions of customers through its app']] },
];

export const CULTURE_VALUES: readonly Tri[] = [
  ['autonomia', 'autonomía', 'autonomy'], ['transparência', 'transparencia', 'transparency'], ['aprendizado contínuo', 'aprendizaje continuo', 'continuous learning'],
  ['foco no cliente', 'foco en el cliente', 'customer focus'], ['colaboração', 'colaboración', 'collaboration'], ['simplicidade', 'simplicidad', 'simplicity'],
  ['impacto social', 'impacto social', 'social impact'], ['diversidade', 'diversidad', 'diversity'],
];

export const COMPANY_FACTS: readonly Tri[] = [
  [
    'Fundada em {year}, somos {n} pessoas em {k} países.|Nascemos em {year} e hoje reunimos {n} pessoas em {k} países.|Desde {year} crescemos para {n} colaboradores espalhados por {k} países.',
    'Fundada en {year}, somos {n} personas en {k} países.|Nacimos en {year} y hoy reunimos a {n} personas en {k} países.|Desde {year} crecimos hasta {n} colaboradores repartidos en {k} países.',
    'Founded in {year}, we are {n} people across {k} countries.|Born in {year}, we now bring together {n} people in {k} countries.|Since {year} we have grown to {n} employees spread over {k} countries.',
  ],
  [
    'Desde {year}, já atendemos mais de {n} mil clientes.|Mais de {n} mil clientes confiam em nós desde {year}.|Em operação desde {year}, somamos {n} mil clientes ativos.',
    'Desde {year} ya atendimos a más de {n} mil clientes.|Más de {n} mil clientes confían en nosotros desde {year}.|En operación desde {year}, sumamos {n} mil clientes activos.',
    'Since {year} we have served more than {n} thousand customers.|More than {n} thousand customers have trusted us since {year}.|Operating since {year}, we count {n} thousand active customers.',
  ],
  [
    'Somos uma empresa de {n} pessoas, investida por fundos de venture capital.|Temos {n} pessoas no time e investidores de referência.|Com {n} pessoas, somos apoiados por alguns dos principais fundos da região.',
    'Somos una empresa de {n} personas, respaldada por fondos de venture capital.|Tenemos {n} personas en el equipo e inversores de referencia.|Con {n} personas, nos respaldan algunos de los principales fondos de la región.',
    'We are a {n}-person company backed by venture capital funds.|We are {n} people strong, with well-known investors behind us.|With {n} people, we are backed by some of the region’s leading funds.',
  ],
];

export const CULTURE_LINE: Tri = [
  'Nossa cultura valoriza {a} e {b}.|Aqui, {a} e {b} não são só palavras na parede.|Acreditamos em {a} e {b} no dia a dia.',
  'Nuestra cultura valora {a} y {b}.|Aquí, {a} y {b} no son solo palabras en la pared.|Creemos en {a} y {b} en el día a día.',
  'Our culture values {a} and {b}.|Here, {a} and {b} are more than words on a wall.|We believe in {a} and {b}, every day.',
];
export const INTRO_LINE: Tri = [
  'A {company} é uma {kind} que {mission}.|Somos a {company}, uma {kind} que {mission}.|A {company} {mission}: somos uma {kind} em crescimento.',
  '{company} es una {kind} que {mission}.|Somos {company}, una {kind} que {mission}.|{company} {mission}: somos una {kind} en crecimiento.',
  '{company} is a {kind} that {mission}.|We are {company}, a {kind} that {mission}.|{company} {mission}: we are a growing {kind}.',
];
export const SALARY_LINE: Tri = ['Faixa salarial: {salary}.', 'Rango salarial: {salary}.', 'Salary range: {salary}.'];
export const REQUISITION_LINE: Tri = ['Código da vaga: {code}', 'Código de la vacante: {code}', 'Requisition ID: {code}'];
export const REOPENED_LINE: Tri = ['Vaga reaberta.', 'Vacante reabierta.', 'Reopened position.'];
export const AGGREGATOR_LINES: readonly Tri[] = [
  ['Vaga encontrada via {board}.', 'Vacante encontrada vía {board}.', 'Found via {board}.'],
  ['Esta vaga foi publicada originalmente em {board}.', 'Esta vacante fue publicada originalmente en {board}.', 'This job was originally posted on {board}.'],
  ['Candidate-se pelo link abaixo.', 'Postúlate en el enlace de abajo.', 'Apply through the link below.'],
];

/** Work-model lines by scope; {place} is a city or country. */
export const WORK_MODEL: Record<'global' | 'latam' | 'americas' | 'country' | 'hybrid' | 'onsite', Tri> = {
  global: ['Trabalho 100% remoto, de qualquer lugar do mundo.|Remoto de qualquer país.|Trabalhe de onde quiser.', 'Trabajo 100% remoto, desde cualquier lugar del mundo.|Remoto desde cualquier país.|Trabaja desde donde quieras.', 'Fully remote, from anywhere in the world.|Remote from any country.|Work from wherever you like.'],
  latam: ['Trabalho remoto para quem mora na América Latina.|Remoto, para residentes na América Latina.|Vaga remota aberta a toda a América Latina.', 'Trabajo remoto para quienes viven en Latinoamérica.|Remoto, para residentes en Latinoamérica.|Posición remota abierta a toda Latinoamérica.', 'Remote for people based in Latin America.|Remote, for Latin America residents.|Open to candidates anywhere in Latin America.'],
  americas: ['Remoto, em fusos horários das Américas.|Remoto com fuso das Américas.|Remoto, com horário compatível com as Américas.', 'Remoto, en husos horarios de las Américas.|Remoto con huso de las Américas.|Remoto, con horario compatible con las Américas.', 'Remote within Americas time zones.|Remote, Americas time zones.|Remote with working hours overlapping the Americas.'],
  country: ['Trabalho remoto para residentes em {place}.|Remoto, somente para quem mora em {place}.|Vaga remota para {place}.', 'Trabajo remoto para residentes en {place}.|Remoto, solo para quienes viven en {place}.|Vacante remota para {place}.', 'Remote for residents of {place}.|Remote, {place} residents only.|Remote role for {place}.'],
  hybrid: ['Modelo híbrido, três dias por semana no escritório de {place}.|Híbrido em {place}, com dois ou três dias presenciais.|Trabalho híbrido com escritório em {place}.', 'Modalidad híbrida, tres días por semana en la oficina de {place}.|Híbrido en {place}, con dos o tres días presenciales.|Trabajo híbrido con oficina en {place}.', 'Hybrid, three days a week at our {place} office.|Hybrid in {place}, two or three days in the office.|Hybrid work with an office in {place}.'],
  onsite: ['Trabalho presencial no escritório de {place}.|Presencial em {place}.|100% presencial na nossa sede em {place}.', 'Trabajo presencial en la oficina de {place}.|Presencial en {place}.|100% presencial en nuestra sede de {place}.', 'On-site at our {place} office.|On-site in {place}.|Fully on-site at our {place} headquarters.'],
};

export interface Country {
  iso2: string;
  /** Name as each language writes it. */
  name: Tri;
  lang: Lang;
  /** Cities with the state or province boards add after them. */
  cities: readonly (readonly [city: string, region: string])[];
  currency: 'BRL' | 'USD' | 'EUR' | 'MXN' | 'COP' | 'ARS' | 'CLP' | 'PEN' | 'UYU';
  legalSuffixes: readonly string[];
  /** Share of companies based here. */
  weight: number;
}

export const COUNTRIES: readonly Country[] = [
  { iso2: 'BR', name: ['Brasil', 'Brasil', 'Brazil'], lang: 0, currency: 'BRL', weight: 42, legalSuffixes: ['Ltda.', 'Ltda', 'S.A.', 'S/A', ''],
    cities: [['São Paulo', 'SP'], ['Rio de Janeiro', 'RJ'], ['Belo Horizonte', 'MG'], ['Curitiba', 'PR'], ['Porto Alegre', 'RS'], ['Recife', 'PE'], ['Florianópolis', 'SC'], ['Campinas', 'SP'], ['Brasília', 'DF'], ['Salvador', 'BA'], ['Fortaleza', 'CE'], ['Goiânia', 'GO'], ['Joinville', 'SC'], ['Ribeirão Preto', 'SP'], ['Manaus', 'AM']] },
  { iso2: 'MX', name: ['México', 'México', 'Mexico'], lang: 1, currency: 'MXN', weight: 12, legalSuffixes: ['S.A. de C.V.', 'S. de R.L. de C.V.', 'SAPI de C.V.', ''],
    cities: [['Ciudad de México', 'CDMX'], ['Guadalajara', 'Jalisco'], ['Monterrey', 'Nuevo León'], ['Querétaro', 'Querétaro'], ['Puebla', 'Puebla']] },
  { iso2: 'CO', name: ['Colômbia', 'Colombia', 'Colombia'], lang: 1, currency: 'COP', weight: 10, legalSuffixes: ['S.A.S.', 'SAS', 'S.A.', ''],
    cities: [['Bogotá', 'Cundinamarca'], ['Medellín', 'Antioquia'], ['Cali', 'Valle del Cauca'], ['Barranquilla', 'Atlántico']] },
  { iso2: 'AR', name: ['Argentina', 'Argentina', 'Argentina'], lang: 1, currency: 'ARS', weight: 9, legalSuffixes: ['S.R.L.', 'S.A.', 'SRL', ''],
    cities: [['Buenos Aires', 'CABA'], ['Córdoba', 'Córdoba'], ['Rosario', 'Santa Fe'], ['Mendoza', 'Mendoza']] },
  { iso2: 'CL', name: ['Chile', 'Chile', 'Chile'], lang: 1, currency: 'CLP', weight: 5, legalSuffixes: ['SpA', 'S.A.', ''], cities: [['Santiago', 'RM'], ['Valparaíso', 'Valparaíso'], ['Concepción', 'Biobío']] },
  { iso2: 'PE', name: ['Peru', 'Perú', 'Peru'], lang: 1, currency: 'PEN', weight: 3, legalSuffixes: ['S.A.C.', 'S.A.', ''], cities: [['Lima', 'Lima'], ['Arequipa', 'Arequipa']] },
  { iso2: 'UY', name: ['Uruguai', 'Uruguay', 'Uruguay'], lang: 1, currency: 'UYU', weight: 2, legalSuffixes: ['S.R.L.', 'S.A.', ''], cities: [['Montevideo', 'Montevideo']] },
  { iso2: 'US', name: ['Estados Unidos', 'Estados Unidos', 'United States'], lang: 2, currency: 'USD', weight: 12, legalSuffixes: ['Inc.', 'LLC', 'Inc', 'Corp.', ''],
    cities: [['New York', 'NY'], ['San Francisco', 'CA'], ['Austin', 'TX'], ['Miami', 'FL'], ['Boston', 'MA'], ['Seattle', 'WA']] },
  { iso2: 'ES', name: ['Espanha', 'España', 'Spain'], lang: 1, currency: 'EUR', weight: 3, legalSuffixes: ['S.L.', 'S.A.', ''], cities: [['Madrid', 'Madrid'], ['Barcelona', 'Cataluña'], ['Valencia', 'Valencia']] },
  { iso2: 'PT', name: ['Portugal', 'Portugal', 'Portugal'], lang: 0, currency: 'EUR', weight: 2, legalSuffixes: ['Lda.', 'S.A.', ''], cities: [['Lisbon', 'Lisboa'], ['Porto', 'Porto']] },
];

// Company names: a brand word (authored or invented from syllables) and sometimes a second word.
export const NAME_WORDS: readonly [readonly string[], readonly string[], readonly string[]] = [
  ['Nuvem', 'Trilha', 'Rota', 'Ponte', 'Farol', 'Ipê', 'Jacarandá', 'Cerrado', 'Maré', 'Brisa', 'Aurora', 'Horizonte', 'Raiz', 'Semente', 'Colmeia', 'Tucano', 'Arara', 'Capivara', 'Caju', 'Açaí', 'Pampa', 'Serra', 'Vale', 'Lagoa', 'Estrela', 'Bússola', 'Âncora', 'Quintal', 'Mandacaru', 'Carambola', 'Jabuti', 'Sabiá', 'Pitanga', 'Vitória', 'Cascata', 'Orla', 'Garoa', 'Sertão', 'Baobá', 'Piracema'],
  ['Cóndor', 'Quetzal', 'Andes', 'Pacífico', 'Cumbre', 'Selva', 'Llama', 'Colibrí', 'Ceiba', 'Maguey', 'Nopal', 'Jaguar', 'Puma', 'Tango', 'Mate', 'Yerba', 'Brújula', 'Faro', 'Puente', 'Sendero', 'Volcán', 'Laguna', 'Alba', 'Ocaso', 'Pampa', 'Caribe', 'Sierra', 'Nevado', 'Tucán', 'Guacamaya', 'Ámbar', 'Cobre', 'Maíz', 'Cacao', 'Ola', 'Viento', 'Raíz', 'Lucero', 'Plata', 'Quinoa'],
  ['Brightpath', 'Northwind', 'Bluefin', 'Clearwater', 'Redwood', 'Ironclad', 'Silverline', 'Stonebridge', 'Evergreen', 'Lighthouse', 'Keystone', 'Skyline', 'Riverbend', 'Foxglove', 'Harbor', 'Summit', 'Meridian', 'Beacon', 'Granite', 'Copperleaf', 'Tidewater', 'Oakridge', 'Starling', 'Maple', 'Cobalt', 'Juniper', 'Falcon', 'Pinecrest', 'Lumen', 'Quartz', 'Sparrow', 'Vantage', 'Windmill', 'Arbor', 'Crescent', 'Driftwood', 'Hollow', 'Orchard', 'Prairie', 'Sequoia'],
];

export const NAME_TAILS: readonly [readonly string[], readonly string[], readonly string[]] = [
  ['Dados', 'Crédito', 'Pagamentos', 'Saúde', 'Logística', 'Seguros', 'Varejo', 'Analytics', 'Digital', 'Sistemas', 'Soluções', 'Educação', 'Energia', 'Mobilidade', 'Investimentos', 'Capital', 'Bank', 'Pay', 'Cloud', 'Commerce', 'Foods', 'Agro', 'Health', 'IA', 'Finance', 'Conecta', 'Software', 'Consultoria'],
  ['Datos', 'Crédito', 'Pagos', 'Salud', 'Logística', 'Seguros', 'Retail', 'Analytics', 'Digital', 'Sistemas', 'Soluciones', 'Educación', 'Energía', 'Movilidad', 'Inversiones', 'Capital', 'Bank', 'Pay', 'Cloud', 'Commerce', 'Foods', 'Agro', 'Health', 'IA', 'Finanzas', 'Conecta', 'Software', 'Consultores'],
  ['Data', 'Credit', 'Payments', 'Health', 'Logistics', 'Insurance', 'Retail', 'Analytics', 'Digital', 'Systems', 'Solutions', 'Learning', 'Energy', 'Mobility', 'Ventures', 'Capital', 'Bank', 'Pay', 'Cloud', 'Commerce', 'Foods', 'Agro', 'Bio', 'AI', 'Finance', 'Networks', 'Software', 'Partners'],
];

export const SYLLABLES = ['ka', 'lo', 'vi', 'ze', 'ru', 'mo', 'ta', 'ni', 'sa', 'do', 'pe', 'qui', 'ra', 'be', 'nu', 'lu', 'xa', 'fi', 'go', 'ma', 'ti', 've', 'co', 'li', 'da', 'pu', 'ne', 'so', 'ya', 'bi'] as const;

export const SENIORITY_LEVELS = ['intern', 'junior', 'mid', 'senior', 'staff', 'lead'] as const;
export type Level = (typeof SENIORITY_LEVELS)[number] | 'none';

/** How each language writes a level in a title; a job keeps one spelling, copies may pick another. */
export const LEVEL_WORDS: Record<(typeof SENIORITY_LEVELS)[number], readonly [readonly string[], readonly string[], readonly string[]]> = {
  intern: [['Estagiário', 'Estágio'], ['Pasante', 'Trainee'], ['Intern']],
  junior: [['Júnior', 'Jr.', 'Jr'], ['Junior', 'Jr'], ['Junior', 'Jr.']],
  mid: [['Pleno', 'Pl'], ['Semi Senior', 'Ssr', 'Semi-Senior'], ['Mid-level', 'II']],
  senior: [['Sênior', 'Sr.', 'Senior'], ['Senior', 'Sr', 'Sr.'], ['Senior', 'Sr.']],
  staff: [['Especialista', 'Staff'], ['Especialista', 'Staff'], ['Staff', 'Principal']],
  lead: [['Líder', 'Tech Lead', 'Lead'], ['Líder', 'Lead'], ['Lead', 'Tech Lead']],
};

/** Years of experience a level asks for, as a range. */
export const LEVEL_YEARS: Record<Level, readonly [number, number]> = {
  intern: [0, 0], junior: [1, 2], mid: [2, 4], senior: [4, 7], staff: [7, 10], lead: [6, 10], none: [2, 5],
};

export const BOARDS = ['gupy', 'getonboard', 'remotive', 'himalayas', 'weworkremotely', 'greenhouse', 'lever', 'workable', 'jobicy', 'computrabajo', 'programathor', 'remoteok'] as const;
export const AGGREGATORS = ['JobsLatam Aggregator', 'VagasHub', 'TalentRadar', 'EmpleoTech Hoy'] as const;
